import { REST, Routes } from 'discord.js';
import { ConfigError, loadConfig } from '../config.js';
import { COMMANDS } from './commands/all.js';

/** `npm run deploy-commands`: registers the commands in one server (DISCORD_GUILD_ID) or globally. */
async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.DISCORD_TOKEN || !config.DISCORD_CLIENT_ID) {
    throw new ConfigError('DISCORD_TOKEN and DISCORD_CLIENT_ID must be set (see .env.example)');
  }
  const rest = new REST({ api: config.DISCORD_API_URL }).setToken(config.DISCORD_TOKEN);
  const route = config.DISCORD_GUILD_ID
    ? Routes.applicationGuildCommands(config.DISCORD_CLIENT_ID, config.DISCORD_GUILD_ID)
    : Routes.applicationCommands(config.DISCORD_CLIENT_ID);
  await rest.put(route, { body: COMMANDS.map((command) => command.definition) });
  const scope = config.DISCORD_GUILD_ID
    ? `server ${config.DISCORD_GUILD_ID} (at once)`
    : 'every server (global: may take up to an hour to appear)';
  process.stdout.write(`registered /${COMMANDS.map((c) => c.definition.name).join(', /')} in ${scope}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`deploy-commands: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
