import {
  ApplicationCommandOptionType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { FeedError, ReindexInProgressError } from '../../answers/engine.js';
import { formatProblem } from '../../answers/format.js';
import { describeCoverage } from '../../answers/coverageSummary.js';
import { describeImport } from '../../answers/importSummary.js';
import type { ImportReport, ReindexReport } from '../../answers/schema.js';
import { downloadAttachment } from '../attachment.js';
import { MODERATORS, defineCommand, readOptions } from '../command.js';
import { BOUNDS } from '../limits.js';
import { renderCoverage } from '../render.js';
import { respond } from '../reply.js';
import { lines } from './moderation.js';

/**
 * `/reindex [file] [feed]`: moderators reload the episodes and rebuild the index, adding an uploaded
 * one first, or importing a podcast feed now (the import rebuilds the index itself).
 */
export const reindexDefinition = {
  name: 'reindex',
  description: 'Moderators: reload the episodes and rebuild the index',
  default_member_permissions: String(MODERATORS.flag),
  dm_permission: false,
  options: [
    {
      type: ApplicationCommandOptionType.Attachment,
      name: 'file',
      description: `An episode page, episode JSON or transcript to add (≤ ${BOUNDS.attachmentBytes / 1024 / 1024} MB)`,
    },
    {
      type: ApplicationCommandOptionType.String,
      name: 'feed',
      description: 'A podcast feed URL (RSS or Atom) to import now',
      max_length: BOUNDS.feedUrlChars,
    },
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

const BUSY = lines(['A reindex is already running; try again when it is done.']);

export const reindex = defineCommand({
  definition: reindexDefinition,
  // A rebuild takes seconds: acknowledge at once, privately, then edit in the outcome.
  handling: { defer: 'private', permission: MODERATORS },
  async execute(interaction, { engine, fetchFile, log }) {
    const { file, feed } = readOptions(reindexDefinition, interaction);
    const said: string[] = [];
    if (file) {
      const download = await downloadAttachment(file, fetchFile);
      const added =
        'refused' in download
          ? {
              saved: null,
              problems: [
                { file: file.name, line: null, message: download.refused, severity: 'error' as const },
              ],
            }
          : await engine.addSource({ name: file.name, content: download.content });
      if (added.saved === null) {
        await respond(
          interaction,
          lines(['Refused the file; nothing was written.', ...added.problems.map(formatProblem)]),
        );
        return;
      }
      log.info({ file: added.saved, user: interaction.user.id }, 'saved an uploaded source');
      said.push(`Saved ${added.saved}.`);
    }
    if (feed?.trim()) {
      let imported: ImportReport;
      try {
        imported = await engine.importFeed(feed.trim());
      } catch (err) {
        if (err instanceof FeedError) {
          await respond(
            interaction,
            lines([`Could not import the feed: ${err.message}. Nothing was changed.`]),
          );
          return;
        }
        if (!(err instanceof ReindexInProgressError)) throw err;
        await respond(interaction, BUSY);
        return;
      }
      const { outcome, details } = describeImport(imported);
      // The outcome first: cutting to the message's length drops details, never the counts.
      said.push(...outcome, ...details.map((line) => `• ${line}`));
      // The import rebuilt the index (or had nothing to add); an uploaded file still needs one.
      if (!file || imported.index) {
        await respond(interaction, lines(said));
        return;
      }
    }
    let report: ReindexReport;
    try {
      report = await engine.reindex();
    } catch (err) {
      if (!(err instanceof ReindexInProgressError)) throw err;
      await respond(interaction, BUSY);
      return;
    }
    said.push(
      `Indexed ${report.episodes} episodes, ${report.passages} passages in ${report.tookMs} ms; refused ${report.rejected.length} file${report.rejected.length === 1 ? '' : 's'}.`,
    );
    for (const { problems } of report.rejected) said.push(...problems.map((p) => `• ${formatProblem(p)}`));
    const reply = lines(said);
    if (report.coverage) reply.embeds = [renderCoverage(describeCoverage(report.coverage))];
    await respond(interaction, reply);
  },
});
