import { describe, expect, it } from 'vitest';

import { csvCell, csvRow } from './audit-csv';

describe('audit CSV cells', () => {
  it.each(['=HYPERLINK("http://x")', '+1+1', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd'])(
    'neutralises %j so a spreadsheet will not run it',
    (value) => {
      expect(csvCell(value).startsWith(`"'`)).toBe(true);
    },
  );

  it('quotes every cell and doubles quotes inside it', () => {
    expect(csvRow(['a,b', 'say "hi"', null, 3])).toBe('"a,b","say ""hi""","","3"\r\n');
  });

  it('writes objects as JSON and leaves ordinary text alone', () => {
    expect(csvCell({ status: { from: 'a', to: 'b' } })).toBe(
      '"{""status"":{""from"":""a"",""to"":""b""}}"',
    );
    expect(csvCell('referral.created')).toBe('"referral.created"');
  });
});
