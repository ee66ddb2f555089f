/**
 * Discord's documented limits, checked by the stand-in on every payload the bot sends. Written from
 * Discord's API documentation, independently of the bot's own constants, so the two check each other.
 */
interface Embed {
  title?: string;
  image?: { url: string };
  description?: string;
  fields?: { name: string; value: string }[];
  footer?: { text: string };
  author?: { name: string };
}
interface Component {
  type: number;
  components?: Component[];
  custom_id?: string;
  label?: string;
}
export interface MessageBody {
  content?: string;
  embeds?: Embed[];
  components?: Component[];
  allowed_mentions?: { parse?: string[]; users?: string[]; roles?: string[] };
  choices?: { name: string; value: string | number }[];
}

/** Discord's upload limit per file where the server has no boost: 10 MiB. */
const UPLOAD_LIMIT = 10 * 1024 * 1024;

export function messageViolations(
  body: MessageBody,
  where: string,
  files: readonly { name: string; size: number }[] = [],
): string[] {
  const out: string[] = [];
  const check = (ok: boolean, what: string) => ok || out.push(`${where}: ${what}`);
  check(files.length <= 10, `${files.length} files > 10`);
  for (const file of files)
    check(file.size <= UPLOAD_LIMIT, `file ${file.name} of ${file.size} bytes > 10 MiB`);
  check((body.content ?? '').length <= 2000, `content ${body.content?.length} > 2000`);
  const embeds = body.embeds ?? [];
  check(embeds.length <= 10, `${embeds.length} embeds > 10`);
  let total = 0;
  for (const embed of embeds) {
    check((embed.title ?? '').length <= 256, 'embed title > 256');
    check((embed.description ?? '').length <= 4096, 'embed description > 4096');
    check((embed.fields ?? []).length <= 25, 'embed fields > 25');
    for (const field of embed.fields ?? []) {
      check(field.name.length <= 256, 'field name > 256');
      check(field.value.length <= 1024, 'field value > 1024');
    }
    check((embed.footer?.text ?? '').length <= 2048, 'footer > 2048');
    const attached = /^attachment:\/\/(.+)$/.exec(embed.image?.url ?? '')?.[1];
    check(attached === undefined || files.some((f) => f.name === attached), `image ${attached} not uploaded`);
    check((embed.author?.name ?? '').length <= 256, 'author name > 256');
    total +=
      (embed.title ?? '').length +
      (embed.description ?? '').length +
      (embed.footer?.text ?? '').length +
      (embed.author?.name ?? '').length;
    total += (embed.fields ?? []).reduce((sum, f) => sum + f.name.length + f.value.length, 0);
  }
  check(total <= 6000, `embed text ${total} > 6000`);
  const rows = body.components ?? [];
  check(rows.length <= 5, 'action rows > 5');
  for (const row of rows) {
    check((row.components ?? []).length <= 5, 'buttons in a row > 5');
    for (const button of row.components ?? []) {
      check((button.custom_id ?? '').length <= 100, 'custom_id > 100');
      check((button.label ?? '').length <= 80, 'button label > 80');
    }
  }
  const mentions = body.allowed_mentions;
  check(
    mentions !== undefined &&
      (mentions.parse ?? []).length === 0 &&
      !mentions.users?.length &&
      !mentions.roles?.length,
    'allowed_mentions does not forbid every ping',
  );
  return out;
}

export function choiceViolations(body: MessageBody, where: string): string[] {
  const choices = body.choices ?? [];
  const out: string[] = [];
  if (choices.length > 25) out.push(`${where}: ${choices.length} choices > 25`);
  for (const choice of choices) {
    if (choice.name.length > 100) out.push(`${where}: choice name > 100`);
    if (String(choice.value).length > 100) out.push(`${where}: choice value > 100`);
  }
  return out;
}
