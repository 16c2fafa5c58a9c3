/** One of `opro optimize --repeat N`'s runs, as the summary reads it. */
export interface RepeatedRun {
  seed: number;
  runFile: string;
  status: string;
  /** The run's best: its prompt as inserted (instruction and demonstrations) and its scores. */
  winner?: { prompt: string; score: number; validationScore?: number };
}

/** How often one prompt won. */
export interface PromptWins {
  prompt: string;
  wins: number;
  seeds: number[];
}

/** The spread of the winners over the repeated runs. */
export interface RepeatSummary {
  runs: number;
  seeds: number[];
  /** Which score the spread is of: the held-out rows when every winner was scored there, else training. */
  split: 'validation' | 'training';
  /** The winner's score per run, in seed order (runs without a winner left out). */
  scores: number[];
  mean: number;
  /** Sample standard deviation (n − 1); 0 for one run. */
  sd: number;
  min: number;
  max: number;
  /** Each winning prompt with its number of wins, most first (ties: first won first). */
  winners: PromptWins[];
}

/** Sums up repeated runs: the spread of the winner's score and how often each prompt won. */
export function summarizeRepeats(runs: readonly RepeatedRun[]): RepeatSummary {
  const won = runs.filter((r): r is RepeatedRun & { winner: NonNullable<RepeatedRun['winner']> } => r.winner !== undefined);
  const hasValidation = won.length > 0 && won.every((r) => r.winner.validationScore !== undefined);
  const scores = won.map((r) => (hasValidation ? (r.winner.validationScore as number) : r.winner.score));
  const mean = scores.length === 0 ? 0 : scores.reduce((a, b) => a + b, 0) / scores.length;
  const variance = scores.length < 2 ? 0 : scores.reduce((a, s) => a + (s - mean) ** 2, 0) / (scores.length - 1);
  const byPrompt = new Map<string, PromptWins>();
  for (const run of won) {
    const entry = byPrompt.get(run.winner.prompt) ?? { prompt: run.winner.prompt, wins: 0, seeds: [] };
    entry.wins += 1;
    entry.seeds.push(run.seed);
    byPrompt.set(run.winner.prompt, entry);
  }
  return {
    runs: runs.length,
    seeds: runs.map((r) => r.seed),
    split: hasValidation ? 'validation' : 'training',
    scores,
    mean,
    sd: Math.sqrt(variance),
    min: scores.length === 0 ? 0 : Math.min(...scores),
    max: scores.length === 0 ? 0 : Math.max(...scores),
    // A stable sort keeps first-won order among equal counts.
    winners: [...byPrompt.values()].sort((a, b) => b.wins - a.wins),
  };
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

/** The summary for a terminal: the spread in one line, then each winning prompt with its wins. */
export function repeatSummaryText(summary: RepeatSummary, oneLine: (prompt: string) => string): string {
  const lines = [`${summary.runs} ${summary.runs === 1 ? 'run' : 'runs'} (${summary.runs === 1 ? 'seed' : 'seeds'} ${summary.seeds.join(', ')})`];
  if (summary.scores.length === 0) {
    lines.push('no run found a best prompt');
  } else {
    const spread = summary.scores.length < 2 ? '' : `, sd ${(summary.sd * 100).toFixed(1)} points, range ${(summary.min * 100).toFixed(1)}–${pct(summary.max)}`;
    lines.push(`winner's ${summary.split} score: mean ${pct(summary.mean)}${spread}`);
    lines.push('how often each prompt won:');
    for (const entry of summary.winners) {
      lines.push(`  ${entry.wins}/${summary.runs}  ${oneLine(entry.prompt)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
