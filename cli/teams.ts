// `compliance-bot teams package`: writes the Teams app package (manifest.json + icons, zipped) to
// upload in Teams or the Teams admin center. Loads the packager lazily (no botbuilder needed).
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { TeamsPackageError } from '../src/errors.js';
import { cliConfig } from './config.js';

interface PackageFlags {
  out: string;
  appId?: string;
  name?: string;
  host?: string;
  packageVersion?: string;
}

export function registerTeamsCommand(program: Command): Command {
  const teams = program.command('teams').description('Microsoft Teams helpers');
  teams
    .command('package')
    .description('write the Teams app package (manifest.json, color.png, outline.png) as a zip file')
    .option('--out <file>', 'where to write the zip', 'compliance-bot-teams.zip')
    .option('--app-id <id>', "the bot's Microsoft App ID (default: $MICROSOFT_APP_ID)")
    .option('--name <name>', 'app name shown in Teams, at most 30 characters', 'Compliance-Bot')
    .option('--host <hostname>', 'host name the bot is reached at, e.g. bot.example.org (validDomains, developer URLs)')
    .option('--package-version <x.y.z>', 'package version; raise it for every upload of a changed package', '1.0.0')
    .action(async (flags: PackageFlags, command: Command) => {
      const appId = flags.appId ?? cliConfig().teams?.appId;
      if (!appId) {
        command.error('teams package: no bot id - pass --app-id ID or set MICROSOFT_APP_ID', { exitCode: 2 });
      }
      if (!flags.host) {
        command.error(
          'teams package: no host name - pass --host HOSTNAME (the public host of this server, e.g. bot.example.org); ' +
            'the manifest needs it for validDomains and the developer URLs',
          { exitCode: 2 },
        );
      }
      const { buildTeamsAppPackage } = await import('../adapters/teams/app-package.js');
      let zip: Uint8Array;
      try {
        zip = buildTeamsAppPackage({ appId, host: flags.host, name: flags.name, version: flags.packageVersion });
      } catch (err) {
        if (err instanceof TeamsPackageError) command.error(`teams package: ${err.message}`, { exitCode: 2 });
        throw err;
      }
      const out = path.resolve(flags.out);
      await writeFile(out, zip);
      // Through commander's output settings, so a caller (or a test) can capture it.
      const print = command.configureOutput().writeOut ?? ((text: string) => process.stdout.write(text));
      print(`${out}: Teams app package for bot ${appId} (${zip.length} bytes)\n`);
    });
  return teams;
}
