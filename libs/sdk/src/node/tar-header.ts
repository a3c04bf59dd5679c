/** A tar stream is a sequence of 512-byte blocks. */
export const TAR_BLOCK = 512;
/** Two zero blocks end an archive. */
export const TAR_TRAILER = 2 * TAR_BLOCK;

/** Largest size the classic 11-digit octal field holds (8 GiB - 1); beyond it GNU base-256 encoding is used. */
const MAX_OCTAL_SIZE = 0o77777777777;

/** Zero bytes that pad a member's content to a whole block. */
export function tarPadding(size: number): number {
  return (TAR_BLOCK - (size % TAR_BLOCK)) % TAR_BLOCK;
}

/** Bytes one regular-file member occupies: header, content and padding. */
export function tarMemberBytes(size: number): number {
  return TAR_BLOCK + size + tarPadding(size);
}

function writeOctal(block: Buffer, offset: number, length: number, value: number): void {
  // `length - 1` digits, zero-padded, then NUL — the form every tar reads. Digit by digit, right to left: no
  // string per field (a header is written for every blob packed).
  let rest = value;
  for (let i = offset + length - 2; i >= offset; i--) {
    block[i] = 0x30 + (rest % 8);
    rest = Math.floor(rest / 8);
  }
  block[offset + length - 1] = 0;
}

/**
 * A POSIX ustar header for a regular file. Everything but name and size is fixed (mode 0644, owner 0, mtime 0):
 * blobs are content only, their real mode lives in the manifest, and fixed fields make chunks reproducible.
 * Names must be ASCII and at most 100 bytes — callers use hex digests. Written into `target` at `offset` when
 * given (the packer's batch buffer: no allocation per member), else into a new block.
 */
export function tarFileHeader(name: string, size: number, target?: Buffer, offset = 0): Buffer {
  if (name.length > 100 || !/^[\x21-\x7e]+$/.test(name)) throw new Error(`tar member name must be short ASCII: ${name}`);
  const block = target === undefined ? Buffer.alloc(TAR_BLOCK) : target.subarray(offset, offset + TAR_BLOCK).fill(0);
  if (block.length !== TAR_BLOCK) throw new RangeError('No room for a tar header');
  block.write(name, 0, 100, 'ascii');
  writeOctal(block, 100, 8, 0o644);
  writeOctal(block, 108, 8, 0);
  writeOctal(block, 116, 8, 0);
  if (size <= MAX_OCTAL_SIZE) {
    writeOctal(block, 124, 12, size);
  } else {
    // GNU base-256: high bit set in the first byte, big-endian value in the rest of the field.
    block[124] = 0x80;
    let rest = size;
    for (let i = 135; i > 124; i--) {
      block[i] = rest % 256;
      rest = Math.floor(rest / 256);
    }
  }
  writeOctal(block, 136, 12, 0);
  block.fill(0x20, 148, 156); // checksum is computed with its own field as spaces
  block.write('0', 156, 1, 'ascii');
  block.write('ustar\u000000', 257, 8, 'ascii');
  let sum = 0;
  for (const byte of block) sum += byte;
  writeOctal(block, 148, 7, sum); // six digits and NUL…
  block[155] = 0x20; // …then a space, as GNU tar writes it
  return block;
}
