import { describe, expect, it } from 'vitest';
import { bytesOf, previewText } from './file-preview';

const base64 = (text: string) => btoa(String.fromCharCode(...new TextEncoder().encode(text)));

describe('the preview of a volume file', () => {
  it('shows UTF-8 text as text', () => {
    expect(previewText(bytesOf(base64('héllo\nworld\n')), false)).toEqual({
      kind: 'text',
      text: 'héllo\nworld\n',
    });
  });

  it('calls bytes with a NUL or that are not UTF-8 binary', () => {
    expect(previewText(new Uint8Array([0x68, 0, 0x69]), false)).toEqual({ kind: 'binary' });
    expect(previewText(new Uint8Array([0xff, 0xfe, 0x41]), false)).toEqual({ kind: 'binary' });
  });

  it('drops a character cut in half at the end of a preview cut short', () => {
    const cut = bytesOf(base64('ok é')).subarray(0, 4);
    expect(previewText(cut, true)).toEqual({ kind: 'text', text: 'ok ' });
    expect(previewText(cut, false)).toEqual({ kind: 'binary' });
  });
});
