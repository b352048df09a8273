import { describe, expect, it } from 'vitest';

import { attachmentsFrom } from './attachments';

describe('attachments from a form', () => {
  it('drops the empty part an untouched file input sends, and text fields', () => {
    const form = new FormData();
    form.append('attachments', new File([], ''));
    form.append('attachments', new File([], 'undefined'));
    form.append('attachments', new File(['%PDF-1.4'], 'bloods.pdf'));
    form.append('attachments', 'not a file');

    expect(attachmentsFrom(form.getAll('attachments')).map((f) => f.name)).toEqual(['bloods.pdf']);
  });
});
