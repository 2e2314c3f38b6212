import { describe, expect, it, vi } from 'vitest';
import { Emitter } from './emitter';

describe('the emitter', () => {
  it('delivers to every listener past one that throws, and reports the error', () => {
    const failures: unknown[] = [];
    const emitter = new Emitter<number>((error) => failures.push(error));
    const heard: string[] = [];
    const broken = new Error('listener broke');
    emitter.on((value) => heard.push(`first ${value}`));
    emitter.on(() => {
      throw broken;
    });
    emitter.on((value) => heard.push(`third ${value}`));
    emitter.emit(1);
    expect(heard).toEqual(['first 1', 'third 1']);
    expect(failures).toEqual([broken]);
  });

  it('logs a failure when given nowhere else to send it', () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const emitter = new Emitter<void>();
      const broken = new Error('listener broke');
      emitter.on(() => {
        throw broken;
      });
      emitter.emit();
      expect(log).toHaveBeenCalledWith('A listener failed:', broken);
    } finally {
      log.mockRestore();
    }
  });

  it('stops delivering once a listener is removed, even during an emit', () => {
    const emitter = new Emitter<string>();
    const heard: string[] = [];
    let removeSecond = () => {};
    const removeFirst = emitter.on((value) => {
      heard.push(`first ${value}`);
      removeSecond();
    });
    removeSecond = emitter.on((value) => heard.push(`second ${value}`));
    emitter.emit('a');
    removeFirst();
    emitter.emit('b');
    expect(heard).toEqual(['first a']);
    expect(emitter.size).toBe(0);
  });

  it('calls a listener added during an emit from the next emit on', () => {
    const emitter = new Emitter<string>();
    const heard: string[] = [];
    const removeAdder = emitter.on(() => {
      emitter.on((value) => heard.push(value));
      removeAdder();
    });
    emitter.emit('a');
    emitter.emit('b');
    expect(heard).toEqual(['b']);
  });
});
