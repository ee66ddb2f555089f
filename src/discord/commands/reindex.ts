import {
  ApplicationCommandOptionType,
  PermissionFlagsBits,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { ReindexInProgressError } from '../../answers/engine.js';
import { formatProblem } from '../../answers/format.js';
import type { ReindexReport } from '../../answers/schema.js';
import { downloadAttachment } from '../attachment.js';
import { defineCommand, readOptions } from '../command.js';
import { BOUNDS, LIMITS } from '../limits.js';
import { safeText, truncate } from '../render.js';
import { publicly, respond, text } from '../reply.js';

const MODERATORS = { flag: PermissionFlagsBits.ManageGuild, who: 'moderators (Manage Server)' } as const;

/** `/reindex [file]`: moderators reload the episodes (adding an uploaded one first) and rebuild the index. */
export const reindexDefinition = {
  name: 'reindex',
  description: 'Moderators: reload the episodes and rebuild the index',
  default_member_permissions: String(MODERATORS.flag),
  dm_permission: false,
  options: [
    {
      type: ApplicationCommandOptionType.Attachment,
      name: 'file',
      description: `An episode page or episode JSON to add (≤ ${BOUNDS.attachmentBytes / 1024 / 1024} MB)`,
    },
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

/** Lines as one reply, escaped, within Discord's message length. */
const lines = (all: readonly string[]) =>
  publicly(text(truncate(all.map(safeText).join('\n'), LIMITS.messageContent)));

export const reindex = defineCommand({
  definition: reindexDefinition,
  // A rebuild takes seconds: acknowledge at once, privately, then edit in the outcome.
  handling: { defer: 'private', permission: MODERATORS },
  async execute(interaction, { engine, fetchFile, log }) {
    const { file } = readOptions(reindexDefinition, interaction);
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
    let report: ReindexReport;
    try {
      report = await engine.reindex();
    } catch (err) {
      if (!(err instanceof ReindexInProgressError)) throw err;
      await respond(interaction, lines(['A reindex is already running; try again when it is done.']));
      return;
    }
    said.push(
      `Indexed ${report.episodes} episodes, ${report.passages} passages in ${report.tookMs} ms; refused ${report.rejected.length} file${report.rejected.length === 1 ? '' : 's'}.`,
    );
    for (const { problems } of report.rejected) said.push(...problems.map((p) => `• ${formatProblem(p)}`));
    await respond(interaction, lines(said));
  },
});
