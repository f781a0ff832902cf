import { LOAD_LEVEL_COLOURS, LOAD_LEVEL_LABELS, formatRatio, loadLevel } from '../../components/load-level';
import { formatExpected } from '../../components/hourly-rows';
import { formatNumber } from '../../format';
import { TILE_COLUMNS, TILE_ROWS, type SubprefectureLoad } from './subprefecture-tiles';

/**
 * The 14 subprefectures as tiles roughly where they lie, coloured by today's load against the forecast so
 * far. Each tile says its figures and level in words; choosing one narrows the municipality table.
 */
export function SubprefectureTileMap({ tiles, selected, onSelect }: { tiles: readonly SubprefectureLoad[]; selected: string; onSelect: (name: string) => void }) {
  return (
    <div className="tile-map" style={{ gridTemplateColumns: `repeat(${TILE_COLUMNS}, minmax(0, 1fr))`, gridTemplateRows: `repeat(${TILE_ROWS}, auto)` }}>
      {tiles.map((t) => {
        const level = loadLevel(t.actual, t.expectedSoFar);
        const colour = LOAD_LEVEL_COLOURS[level];
        const chosen = selected === t.name;
        return (
          <button
            key={t.name}
            type="button"
            className={chosen ? 'tile is-chosen' : 'tile'}
            style={{ gridColumn: t.col + 1, gridRow: t.row + 1, background: colour.fill, color: colour.ink }}
            aria-pressed={chosen}
            data-level={level}
            data-subprefecture={t.name}
            title={`${t.name}：${t.municipalities}市町村、実績 ${formatNumber(t.actual)}件、現時点までの試算 ${formatExpected(t.expectedSoFar)}件`}
            onClick={() => onSelect(chosen ? '' : t.name)}
          >
            <span className="tile__name">{t.name}</span>
            <span className="tile__figures">
              {formatNumber(t.actual)}
              <span className="tile__small">／{formatExpected(t.expectedSoFar)}</span>
            </span>
            <span className="tile__level">
              {t.expectedSoFar > 0 ? `${formatRatio(t.actual / t.expectedSoFar)} ` : ''}
              {LOAD_LEVEL_LABELS[level]}
            </span>
          </button>
        );
      })}
    </div>
  );
}
