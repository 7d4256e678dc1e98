// The Teams app package: manifest.json plus the two icons, zipped. Uploading it to Teams (or the
// Teams admin center) installs the bot for personal chats, teams and group chats.
// Manifest schema 1.22: the current version per https://learn.microsoft.com/microsoftteams/platform/resources/schema/manifest-schema
// when last checked; see docs/teams-setup.md for why it stays until the package needs something newer.
import { strToU8, zipSync } from 'fflate';
import { TeamsPackageError } from './errors.js';
import { PHRASES } from '../../src/phrases/index.js';
import { SEARCH_COMMAND_ID, SEARCH_PARAMETER } from './message-extension.js';
import { ACCENT_COLOR, colorIcon, outlineIcon } from './png.js';

export const MANIFEST_VERSION = '1.22';
export const MANIFEST_SCHEMA = `https://developer.microsoft.com/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.schema.json`;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HOST = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;

export interface TeamsPackageOptions {
  /** The bot's Microsoft App ID (a GUID); also used as the Teams app id. */
  appId: string;
  /** Host name the bot is reached at, e.g. bot.example.org (validDomains, developer URLs). */
  host: string;
  /** Display name; at most 30 characters (Teams' limit for name.short). */
  name?: string;
  /** Package version, x.y.z; raise it for every upload of a changed package. */
  version?: string;
  /** Developer (publisher) name shown in Teams, e.g. the organisation. */
  developerName?: string;
  /** https:// links to the privacy statement and the terms of use (default: the bot's host). */
  privacyUrl?: string;
  termsOfUseUrl?: string;
}

// One package for both languages: the texts of the phrase book, German first. Command titles are
// inserted as the message when picked, so they are questions the bot understands.
const APP = { de: PHRASES.de.chat.teamsApp, en: PHRASES.en.chat.teamsApp };
const COMMANDS = [...APP.de.commands, ...APP.en.commands];
const SEARCH = { de: APP.de.search, en: APP.en.search };

export function buildManifest(o: TeamsPackageOptions): Record<string, unknown> {
  const name = (o.name ?? 'Compliance-Bot').trim();
  const url = `https://${o.host}/`;
  return {
    $schema: MANIFEST_SCHEMA,
    manifestVersion: MANIFEST_VERSION,
    version: o.version ?? '1.0.0',
    id: o.appId,
    developer: {
      name: o.developerName?.trim() ?? name,
      websiteUrl: url,
      privacyUrl: o.privacyUrl ?? url,
      termsOfUseUrl: o.termsOfUseUrl ?? url,
    },
    name: { short: name, full: name },
    description: {
      short: `${APP.de.short} / ${APP.en.short}`,
      full: `${APP.de.full} ${APP.en.full}`,
    },
    icons: { color: 'color.png', outline: 'outline.png' },
    accentColor: ACCENT_COLOR,
    bots: [
      {
        botId: o.appId,
        scopes: ['personal', 'team', 'groupChat'],
        supportsFiles: false,
        isNotificationOnly: false,
        commandLists: [{ scopes: ['personal', 'team', 'groupChat'], commands: COMMANDS }],
      },
    ],
    // The search message extension (message-extension.ts): a tool's verdict as a card in any chat.
    composeExtensions: [
      {
        botId: o.appId,
        composeExtensionType: 'botBased',
        commands: [
          {
            id: SEARCH_COMMAND_ID,
            type: 'query',
            title: `${SEARCH.de.title} / ${SEARCH.en.title}`,
            description: `${SEARCH.de.description} / ${SEARCH.en.description}`,
            initialRun: true,
            context: ['compose', 'commandBox'],
            parameters: [
              {
                name: SEARCH_PARAMETER,
                title: `${SEARCH.de.parameterTitle} / ${SEARCH.en.parameterTitle}`,
                description: `${SEARCH.de.parameterDescription} / ${SEARCH.en.parameterDescription}`,
                inputType: 'text',
              },
            ],
          },
        ],
      },
    ],
    validDomains: [o.host],
  };
}

function check(o: TeamsPackageOptions): void {
  if (!GUID.test(o.appId)) {
    throw new TeamsPackageError(`The app id "${o.appId}" is not a GUID: pass the bot's Microsoft App ID (--app-id or MICROSOFT_APP_ID)`);
  }
  if (!HOST.test(o.host)) {
    throw new TeamsPackageError(`"${o.host}" is not a host name: pass the host only, e.g. --host bot.example.org (no https://, no path)`);
  }
  const name = (o.name ?? 'Compliance-Bot').trim();
  if (name.length === 0 || name.length > 30) {
    throw new TeamsPackageError(`The app name must have 1 to 30 characters (Teams' limit); "${name}" has ${name.length}`);
  }
  for (const [flag, link] of [['--privacy-url', o.privacyUrl], ['--terms-url', o.termsOfUseUrl]] as const) {
    if (link !== undefined && !/^https:\/\/[^\s/]+\.[^\s]*$/i.test(link)) {
      throw new TeamsPackageError(`${flag} must be an https:// link (Teams accepts no other), not "${link}"`);
    }
  }
  if (o.developerName !== undefined && (o.developerName.trim().length === 0 || o.developerName.trim().length > 32)) {
    throw new TeamsPackageError(`The developer name must have 1 to 32 characters (Teams' limit); "${o.developerName.trim()}" has ${o.developerName.trim().length}`);
  }
  if (o.version !== undefined && !/^\d+\.\d+\.\d+$/.test(o.version)) {
    throw new TeamsPackageError(`The package version must look like 1.0.0, not "${o.version}"`);
  }
}

/** The zipped app package (manifest.json, color.png, outline.png at the top level). */
export function buildTeamsAppPackage(options: TeamsPackageOptions): Uint8Array {
  check(options);
  return zipSync(
    {
      'manifest.json': strToU8(`${JSON.stringify(buildManifest(options), null, 2)}\n`),
      'color.png': colorIcon(),
      'outline.png': outlineIcon(),
    },
    { level: 9 },
  );
}
