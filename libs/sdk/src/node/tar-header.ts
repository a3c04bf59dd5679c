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
  // `length - 1` digits, zero-padded, then NUL — the form every tar reads.
  block.write(value.toString(8).padStart(length - 1, '0'), offset, length - 1, 'ascii');
}

/**
 * A POSIX ustar header for a regular file. Everything but name and size is fixed (mode 0644, owner 0, mtime 0):
 * blobs are content only, their real mode lives in the manifest, and fixed fields make chunks reproducible.
 * Names must be ASCII and at most 100 bytes — callers use hex digests.
 */
export function tarFileHeader(name: string, size: number): Buffer {
  if (name.length > 100 || !/^[\x21-\x7e]+$/.test(name)) throw new Error(`tar member name must be short ASCII: ${name}`);
  const block = Buffer.alloc(TAR_BLOCK);
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
  block.write(`${sum.toString(8).padStart(6, '0')}\u0000 `, 148, 8, 'ascii');
  return block;
}
