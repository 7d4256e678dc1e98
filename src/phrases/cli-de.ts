// What the CLI prints, in German.
import type { CliPhrases } from './cli-types.js';

export const cliDe: CliPhrases = {
  kbErrors: (dir, n) => `${dir}: ${n} Fehler`,
  valid: (dir, tools, categories, contexts, version, ms) => `${dir}: gültig – ${tools} Tools, ${categories} Kategorien, ${contexts} Kontexte (Version ${version}, ${ms} ms)`,
  schemaFile: (got, kinds) => `--file muss einer dieser Werte sein: ${kinds}; nicht „${got}“`,
  urlNeedsSource: '--url braucht --source <Titel>',
  byMissing: 'Wer nimmt die Änderung vor? --by <Name> angeben oder USER setzen (der voreingestellte Autor)',
  byOneWord: (name) => `--by muss ein einzelnes Wort sein (ein Benutzername), nicht „${name}“`,
  page: (got) => `--page muss eine Seitenzahl sein (1, 2, …), nicht „${got}“`,
  days: (got) => `--days muss eine Anzahl von Tagen sein (etwa 30), nicht „${got}“`,
  next: (got) => `--next muss ein Datum in der Form JJJJ-MM-TT sein, nicht „${got}“`,
  reportNoNames: (reason) => `Die Namen der Tools fehlen, weil die Wissensbasis nicht geladen werden konnte: ${reason}`,
  wholeNumber: 'erwartet ist eine ganze Zahl ab 1',
  port: 'erwartet ist eine Portnummer von 0 bis 65535.',
  running: (url, dir, tools) => `compliance-bot läuft: ${url}/ öffnen (Wissensbasis ${dir}, ${tools} Tools). Strg+C beendet ihn.`,
  cannotStart: (reason) => `Start nicht möglich: ${reason}`,
  teamsNoAppId: 'teams package: Kennung des Bots fehlt – geben Sie --app-id <Kennung> an oder setzen Sie MICROSOFT_APP_ID',
  teamsNoHost:
    'teams package: Hostname fehlt – geben Sie --host <Hostname> an (der öffentliche Hostname dieses Servers, etwa bot.example.org); das Manifest braucht ihn für validDomains und die Entwickler-URLs',
  teamsPackage: (file, appId, bytes) => `${file}: Teams-App-Paket für den Bot ${appId} (${bytes.toLocaleString('de-DE')} Bytes)`,
};
