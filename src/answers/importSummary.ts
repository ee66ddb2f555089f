import type { ImportReport } from './schema.js';

/**
 * An import report as people read it, for both adapters: the outcome in a line or two, and one line
 * per refused item and per warning. The terminal prints the details first (the counts end the
 * output); the bot puts the outcome first, so cutting to a message's length keeps it.
 */
export function describeImport(report: ImportReport): { outcome: string[]; details: string[] } {
  if (report.notModified) {
    return { outcome: [`${report.source}: not modified since the last import; nothing to do`], details: [] };
  }
  const details: string[] = [];
  for (const item of report.items) {
    const name = `item ${item.position} "${item.title}"`;
    if (item.status === 'refused') details.push(`refused ${name}: ${item.reason}`);
    for (const warning of item.warnings) details.push(`warning ${name}: ${warning}`);
  }
  const { imported, updated, unchanged, refused } = report.counts;
  const outcome = [
    `${report.show ?? report.source}: imported ${imported}, updated ${updated}, unchanged ${unchanged}, refused ${refused}`,
  ];
  if (report.index)
    outcome.push(`indexed ${report.index.episodes} episodes, ${report.index.passages} passages`);
  return { outcome, details };
}
