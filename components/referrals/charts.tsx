import { Table } from '@/components/ui/table';

import styles from './dashboard.module.css';

const PALETTE = ['#0f6b5c', '#175cd3', '#b54708', '#7a5af8', '#c11574', '#344054'];

export interface Bar {
  label: string;
  value: number;
}

/** A horizontal bar chart; the table below carries the same numbers for screen readers. */
export function BarChart({
  id,
  title,
  description,
  bars,
}: {
  id: string;
  title: string;
  description: string;
  bars: Bar[];
}) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const row = 26;
  const labelWidth = 120;
  const width = 480;
  const height = bars.length * row + 8;

  return (
    <figure className={styles.figure}>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-labelledby={`${id}-t ${id}-d`}
        className={styles.svg}
      >
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>{description}</desc>
        {bars.map((b, i) => {
          const w = ((width - labelWidth - 40) * b.value) / max;

          return (
            <g key={b.label} transform={`translate(0 ${i * row + 4})`}>
              <text x={labelWidth - 8} y={14} textAnchor="end" className={styles.axisText}>
                {b.label}
              </text>
              <rect
                x={labelWidth}
                y={2}
                width={Math.max(w, b.value > 0 ? 2 : 0)}
                height={16}
                rx={3}
                fill={PALETTE[0]}
              />
              <text x={labelWidth + w + 6} y={14} className={styles.axisText}>
                {b.value}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className={styles.caption}>{title}</figcaption>
    </figure>
  );
}

function formatTick(v: number): string {
  return v >= 10 ? String(Math.round(v)) : v.toFixed(1).replace(/\.0$/, '');
}

export interface Series {
  name: string;
  points: { x: string; y: number | null }[];
}

/** A line chart over months, one line per series, with the numbers in a table beside it. */
export function LineChart({
  id,
  title,
  description,
  xs,
  series,
  unit,
}: {
  id: string;
  title: string;
  description: string;
  xs: string[];
  series: Series[];
  unit: string;
}) {
  const width = 560;
  const height = 240;
  const pad = { left: 48, right: 28, top: 12, bottom: 28 };
  const values = series.flatMap((s) => s.points.map((p) => p.y ?? 0));
  const max = Math.max(1, ...values);
  const x = (i: number) =>
    pad.left + (xs.length <= 1 ? 0 : (i * (width - pad.left - pad.right)) / (xs.length - 1));
  const y = (v: number) => height - pad.bottom - (v * (height - pad.top - pad.bottom)) / max;
  const ticks = [0, max / 2, max];

  return (
    <figure className={styles.figure}>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-labelledby={`${id}-t ${id}-d`}
        className={styles.svg}
      >
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>{description}</desc>
        {ticks.map((t) => (
          <g key={t}>
            <line x1={pad.left} x2={width - pad.right} y1={y(t)} y2={y(t)} stroke="#dde2e8" />
            <text x={pad.left - 6} y={y(t) + 4} textAnchor="end" className={styles.axisText}>
              {formatTick(t)}
              {unit}
            </text>
          </g>
        ))}
        {xs.map((label, i) => (
          <text key={label} x={x(i)} y={height - 8} textAnchor="middle" className={styles.axisText}>
            {label}
          </text>
        ))}
        {series.map((s, si) => {
          const color = PALETTE[si % PALETTE.length];
          const pts = s.points
            .map((p, i) => (p.y === null ? null : `${x(i)},${y(p.y)}`))
            .filter(Boolean)
            .join(' ');

          return (
            <g key={s.name}>
              <polyline points={pts} fill="none" stroke={color} strokeWidth={2} />
              {s.points.map((p, i) =>
                p.y === null ? null : <circle key={i} cx={x(i)} cy={y(p.y)} r={3.5} fill={color} />,
              )}
            </g>
          );
        })}
      </svg>
      <figcaption className={styles.caption}>
        {title}
        <ul className={styles.legend}>
          {series.map((s, si) => (
            <li key={s.name}>
              <span
                className={styles.swatch}
                style={{ background: PALETTE[si % PALETTE.length] }}
                aria-hidden="true"
              />
              {s.name}
            </li>
          ))}
        </ul>
      </figcaption>
      <details className={styles.dataTable}>
        <summary>Show the data as a table</summary>
        <Table caption={title}>
          <thead>
            <tr>
              <th scope="col">Referring clinic</th>
              {xs.map((m) => (
                <th key={m} scope="col">
                  {m}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {series.map((s) => (
              <tr key={s.name}>
                <th scope="row">{s.name}</th>
                {s.points.map((p, i) => (
                  <td key={i}>{p.y === null ? '—' : `${p.y}${unit}`}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </Table>
      </details>
    </figure>
  );
}
