import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBot } from '../../src/discord/bot.js';
import { CHART_FILE } from '../../src/discord/renderAcross.js';
import { startBotAgainst } from '../support/bot.js';
import { copyOfCatalogue } from '../support/data.js';
import { DiscordStandIn, autocomplete, button, command, messageCommand } from '../standin/discord.js';

/** The timeline, filters, related moments, people, help and "Find the moment", over the test catalogue. */
let standIn: DiscordStandIn;
let bot: RunningBot;

beforeAll(async () => {
  standIn = await DiscordStandIn.start({ heartbeatMs: 1_000 });
  ({ bot } = await startBotAgainst(standIn, undefined, { dataDir: copyOfCatalogue() }));
});

afterAll(async () => {
  await bot?.stop();
  await standIn?.stop();
});

const interact = (payload: Record<string, unknown>) => standIn.interact(payload);

/** The custom ids of the buttons of a reply. */
const buttonsOf = (body: { data?: { components?: { components?: { custom_id?: string }[] }[] } }) =>
  (body.data?.components ?? []).flatMap((row) => row.components ?? []).map((b) => b.custom_id ?? '');

describe('catalogue-wide commands against the Discord stand-in', () => {
  it('/timeline defers, then edits in the episodes oldest first with the chart uploaded as a PNG attachment', async () => {
    const { id, first } = await interact(command('timeline', { topic: 'electric ferries' }));
    expect(first.body.type).toBe(5);
    expect(first.sinceDispatch).toBeLessThan(3_000);
    const edit = await standIn.waitFor((r) => r.interaction === id && r.method === 'PATCH');
    const [embed] = edit.body.embeds ?? [];
    expect(embed?.title).toBe('“electric ferries” across the episodes');
    const description = embed?.description ?? '';
    expect(description.indexOf('Ferries Without Diesel')).toBeLessThan(
      description.indexOf('Hydrogen or Batteries'),
    );
    expect(description).toMatch(/\[≈?\d+:\d\d\]\(https:\/\/www\.youtube\.com\/watch\?v=\w+&t=\d+s\)/);
    expect(description).toContain('**electric** **ferry**');
    expect((embed as { image?: { url: string } })?.image?.url).toBe(`attachment://${CHART_FILE}`);
    expect(edit.files).toHaveLength(1);
    expect(edit.files?.[0]).toMatchObject({ name: CHART_FILE });
    expect(edit.files?.[0]?.content.subarray(1, 4).toString()).toBe('PNG');
    expect(edit.body.allowed_mentions).toEqual({ parse: [] });
  });

  it('/timeline names the filter that leaves nothing', async () => {
    const { id } = await interact(command('timeline', { topic: 'tidal turbines', guest: 'Nobody Here' }));
    const edit = await standIn.waitFor((r) => r.interaction === id && r.method === 'PATCH');
    expect(edit.body.content).toBe('No episode matches the filter guest "Nobody Here".');
    expect(edit.files ?? []).toEqual([]);
  });

  it('autocompletes dates, people and shows within 25 choices', async () => {
    const dates = await interact(autocomplete('timeline', 'from', '2024'));
    expect(dates.body.data?.choices?.[0]).toEqual({ name: '2024', value: '2024' });
    expect(dates.body.data?.choices?.length).toBeLessThanOrEqual(25);
    const people = await interact(autocomplete('ask', 'guest', 'zoe'));
    expect(people.body.data?.choices).toEqual([{ name: 'Zoë Adébáyọ̀ (3 episodes)', value: 'Zoë Adébáyọ̀' }]);
    const shows = await interact(autocomplete('ask', 'show', ''));
    expect(shows.body.data?.choices?.map((c) => c.value)).toEqual(['Harbor Lights', 'Low Tide Notes']);
  });

  it('/ask with filters answers from those episodes only; its Related button lists other episodes newest first', async () => {
    const { body } = await interact(
      command('ask', { question: 'electric ferry charging', from: '2024', to: '2024' }),
    );
    const authors = (body.data?.embeds ?? []).map((e) => e.author?.name);
    expect(authors.length).toBeGreaterThan(0);
    expect(
      authors.every((a) => ['Charging a Ferry in Twelve Minutes', 'Batteries at Sea'].includes(a ?? '')),
    ).toBe(true);
    const related = buttonsOf(body).find((b) => b.startsWith('related:'));
    const reply = await interact(button(related as string));
    const [embed] = reply.body.data?.embeds ?? [];
    expect(embed?.title).toBe('The same topic in other episodes');
    const dates = [...(embed?.description ?? '').matchAll(/\*\*(\d{4}-\d\d-\d\d)\*\*/g)].map((m) => m[1]);
    expect(dates.length).toBeGreaterThan(0);
    expect(dates.length).toBeLessThanOrEqual(5);
    expect(dates).toEqual([...dates].sort().reverse());
  });

  it('/episode guest lists the episodes with that person, naming the parts they are named in', async () => {
    const { body } = await interact(command('episode', { guest: 'Ines Caillou' }));
    const [embed] = body.data?.embeds ?? [];
    expect(embed?.title).toBe('Episodes with Ines Caillou');
    expect(embed?.description).toMatch(/^\*\*2025-05-01\*\* · Turbines, Ten Years On \(named\)/);
    expect(embed?.footer?.text).toBe('4 episodes, newest first');
  });

  it('"Find the moment" answers privately, and Share posts the answer in the channel', async () => {
    const { body } = await interact(
      messageCommand('Find the moment', "didn't they talk about oyster reefs a while ago?"),
    );
    expect(body.data?.flags).toBe(64);
    expect(body.data?.embeds?.[0]?.author?.name).toBe('Oyster Reefs as Breakwaters');
    const [share] = buttonsOf(body);
    const shared = await interact(button(share as string));
    expect(shared.body.data?.flags ?? 0).toBe(0);
    expect(shared.body.data?.content).toMatch(
      / shared: “didn't they talk about oyster reefs a while ago\?”$/,
    );
    expect(shared.body.data?.embeds?.[0]?.author?.name).toBe('Oyster Reefs as Breakwaters');
  });

  it('/help shows each command with an example, the catalogue size and the newest episode', async () => {
    const { body } = await interact(command('help', {}));
    const [embed] = body.data?.embeds ?? [];
    expect(embed?.description).toBe(
      '24 episodes, 219 passages; newest: **Bioplastics Under Scrutiny** (2025-07-24).',
    );
    expect(embed?.fields?.map((f) => f.name.split(' ')[0])).toEqual([
      '/ask',
      '/timeline',
      '/episode',
      'Find',
      '/reindex',
      '/follow',
      '/settings',
    ]);
  });

  it('kept every reply within Discord limits and acknowledged each in time', () => {
    expect(standIn.violations).toEqual([]);
  });
});
