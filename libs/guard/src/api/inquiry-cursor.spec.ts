import { advanceCursor } from './inquiry-cursor';

describe('advanceCursor', () => {
  it('moves past contiguous ids and keeps none missing', () => {
    expect(advanceCursor({ lastId: 3, gaps: [] }, [4, 5, 6], 1000)).toEqual({ lastId: 6, gaps: [] });
  });

  it('remembers an id that had not committed yet and forgets it once seen', () => {
    const c = advanceCursor({ lastId: 3, gaps: [] }, [4, 6], 1000);
    expect(c).toEqual({ lastId: 6, gaps: [{ id: 5, since: 1000 }] });
    expect(advanceCursor(c, [5, 7], 1200)).toEqual({ lastId: 7, gaps: [] });
  });

  it('gives a gap up after the grace period (an insert that failed)', () => {
    const c = advanceCursor({ lastId: 0, gaps: [] }, [2], 1000);
    expect(advanceCursor(c, [], 4000).gaps).toHaveLength(1);
    expect(advanceCursor(c, [], 7000).gaps).toHaveLength(0);
  });

  it('stays where it was when nothing new came', () => {
    expect(advanceCursor({ lastId: 9, gaps: [] }, [], 1000)).toEqual({ lastId: 9, gaps: [] });
  });
});
