// `compliance-bot teams package`: writes the Teams app package (manifest.json + icons, zipped) to
// upload in Teams or the Teams admin center. Loads the packager lazily (no botbuilder needed).
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { TeamsPackageError } from '../adapters/teams/errors.js';
import { cliPhrases } from './language.js';
import { readEnvironment } from '../src/config.js';

interface PackageFlags {
  out: string;
  appId?: string;
  name?: string;
  host?: string;
  packageVersion?: string;
  developer?: string;
  privacyUrl?: string;
  termsUrl?: string;
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
    .option('--developer <name>', 'publisher shown in Teams, e.g. your organisation (developer.name; default: the app name)')
    .option('--privacy-url <https-url>', 'your privacy statement (developer.privacyUrl; default: https://HOST/)')
    .option('--terms-url <https-url>', 'your terms of use (developer.termsOfUseUrl; default: https://HOST/)')
    .action(async (flags: PackageFlags, command: Command) => {
      // Only the bot id is needed: a package is built before the bot's other settings exist.
      const appId = flags.appId ?? readEnvironment().MICROSOFT_APP_ID;
      if (!appId) {
        command.error(cliPhrases().teamsNoAppId, { exitCode: 2 });
      }
      if (!flags.host) {
        command.error(cliPhrases().teamsNoHost, { exitCode: 2 });
      }
      const { buildTeamsAppPackage } = await import('../adapters/teams/app-package.js');
      let zip: Uint8Array;
      try {
        zip = buildTeamsAppPackage({
          appId,
          host: flags.host,
          name: flags.name,
          version: flags.packageVersion,
          ...(flags.developer !== undefined ? { developerName: flags.developer } : {}),
          ...(flags.privacyUrl !== undefined ? { privacyUrl: flags.privacyUrl } : {}),
          ...(flags.termsUrl !== undefined ? { termsOfUseUrl: flags.termsUrl } : {}),
        });
      } catch (err) {
        if (err instanceof TeamsPackageError) command.error(`teams package: ${err.message}`, { exitCode: 2 });
        throw err;
      }
      const out = path.resolve(flags.out);
      await writeFile(out, zip);
      // Through commander's output settings, so a caller (or a test) can capture it.
      const print = command.configureOutput().writeOut ?? ((text: string) => process.stdout.write(text));
      print(`${cliPhrases().teamsPackage(out, appId, zip.length)}\n`);
    });
  return teams;
}
