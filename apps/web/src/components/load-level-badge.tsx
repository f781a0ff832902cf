import { LOAD_LEVEL_COLOURS, LOAD_LEVEL_LABELS, formatRatio, loadLevel } from './load-level';
import './load-figures.css';

/** "123% 多め" on the level's colour: the ratio and the word say it, the colour helps. */
export function LoadLevelBadge({ actual, expected }: { actual: number; expected: number }) {
  const level = loadLevel(actual, expected);
  const colour = LOAD_LEVEL_COLOURS[level];
  return (
    <span className="load-badge" data-level={level} style={{ background: colour.fill, color: colour.ink }}>
      {expected > 0 && <span className="load-badge__ratio">{formatRatio(actual / expected)}</span>}
      <span className="load-badge__word">{LOAD_LEVEL_LABELS[level]}</span>
    </span>
  );
}
