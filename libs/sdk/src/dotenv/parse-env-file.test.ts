import { describe, expect, it } from 'vitest';
import { EnvFileError, parseEnvFile, type EnvFileProblem } from './parse-env-file.js';

const values = (text: string) => Object.fromEntries(parseEnvFile(text).map((e) => [e.key, e.value]));

describe('parseEnvFile: syntax', () => {
  it.each([
    ['plain', 'A=1', { A: '1' }],
    ['export prefix', 'export A=1\nexport\tB=2', { A: '1', B: '2' }],
    ['unquoted values are trimmed', 'A=  spaced out  ', { A: 'spaced out' }],
    ['blanks around =', 'A = 1', { A: '1' }],
    ['indented line', '   A=1', { A: '1' }],
    ['empty value', 'A=\nB=', { A: '', B: '' }],
    ['empty value with a comment', 'A= # nothing here', { A: '' }],
    ['full-line comments and blank lines', '# header\n\n  # indented comment\nA=1\n\n', { A: '1' }],
    ['comment after an unquoted value', 'A=1 # one\nB=2\t# two', { A: '1', B: '2' }],
    ['# without a preceding blank is part of the value', 'A=a#b\nB=#x', { A: 'a#b', B: '#x' }],
    ['single quotes are literal', "A='x\\ny $HOME # not a comment'", { A: 'x\\ny $HOME # not a comment' }],
    ['double-quote escapes', 'A="1\\n2\\t3\\"4\\\\5\\$6"', { A: '1\n2\t3"4\\5$6' }],
    ['unknown escapes stay as written', 'A="C:\\path\\x"', { A: 'C:\\path\\x' }],
    ['multi-line double-quoted value', 'A="line 1\nline 2"\nB=3', { A: 'line 1\nline 2', B: '3' }],
    ['multi-line single-quoted value', "A='-----BEGIN KEY-----\nabc\n-----END KEY-----'", { A: '-----BEGIN KEY-----\nabc\n-----END KEY-----' }],
    ['comment after a closing quote', 'A="x" # note\nB=\'y\'#note', { A: 'x', B: 'y' }],
    ['quoted value keeps inner spaces', 'A="  padded  "', { A: '  padded  ' }],
    ['= inside the value', 'A=postgres://u:p@h/db?x=1', { A: 'postgres://u:p@h/db?x=1' }],
    ['no variable expansion', 'A=$B ${C}', { A: '$B ${C}' }],
    ['CRLF line ends', 'A=1\r\nB="x\r\ny"\r\n', { A: '1', B: 'x\ny' }],
    ['a leading BOM', '\uFEFFA=1', { A: '1' }],
    ['no trailing newline', 'A=1\nB=2', { A: '1', B: '2' }],
    ['an empty file', '', {}],
  ])('%s', (_label, text, expected) => {
    expect(values(text)).toEqual(expected);
  });

  it('records the line each assignment starts on, counting multi-line values', () => {
    expect(parseEnvFile('# c\nA="1\n2\n3"\n\nB=x\n').map((e) => [e.key, e.line])).toEqual([
      ['A', 2],
      ['B', 6],
    ]);
  });
});

function errorsOf(text: string): { line: number; problem: EnvFileProblem; message: string }[] {
  try {
    parseEnvFile(text);
  } catch (error) {
    expect(error).toBeInstanceOf(EnvFileError);
    expect((error as EnvFileError).code).toBe('invalid_env_file');
    return [...(error as EnvFileError).errors];
  }
  throw new Error('expected the file to be rejected');
}

describe('parseEnvFile: errors name their line', () => {
  it.each([
    ['invalid key (lowercase)', 'A=1\nbad_key=2', 2, 'invalid_key'],
    ['invalid key (starts with a digit)', '1A=1', 1, 'invalid_key'],
    ['invalid key (dash)', 'A=1\n\nMY-KEY=2', 3, 'invalid_key'],
    ['empty key', '=value', 1, 'invalid_key'],
    ['missing =', 'A=1\nJUST_A_WORD', 2, 'missing_equals'],
    ['unterminated double quote', 'A=1\nB="never closed\nC=3', 2, 'unterminated_quote'],
    ['unterminated single quote', "A='x", 1, 'unterminated_quote'],
    ['text after the closing quote', 'A="x"y', 1, 'unexpected_text'],
    ['text after a multi-line closing quote', 'A="x\ny" z', 2, 'unexpected_text'],
    ['duplicate key', 'A=1\nB=2\nA=3', 3, 'duplicate_key'],
  ] as const)('%s', (_label, text, line, problem) => {
    const errors = errorsOf(text);
    expect(errors).toEqual([expect.objectContaining({ line, problem })]);
    expect(errors[0]?.message).toMatch(new RegExp(`^line ${line}: `));
  });

  it('reports every bad line at once, in line order', () => {
    const errors = errorsOf('ok=1\nA=1\nNOEQUALS\nA=2\nB="x"junk\nC=fine\nD="open');
    expect(errors.map((e) => [e.line, e.problem])).toEqual([
      [1, 'invalid_key'],
      [3, 'missing_equals'],
      [4, 'duplicate_key'],
      [5, 'unexpected_text'],
      [7, 'unterminated_quote'],
    ]);
  });

  it('the duplicate error names the first line', () => {
    expect(errorsOf('A=1\nA=2')[0]?.message).toBe('line 2: A is already set on line 1');
  });

  it('never puts a value in a message', () => {
    const secret = 'hunter2-very-secret';
    const error = (() => {
      try {
        parseEnvFile(`A=${secret}\nA="${secret}"\n${secret}\nB="${secret}`);
      } catch (e) {
        return e as EnvFileError;
      }
      throw new Error('expected a failure');
    })();
    expect(error.errors).toHaveLength(3);
    expect(`${error.message} ${JSON.stringify(error.errors)}`).not.toContain(secret);
  });
});
