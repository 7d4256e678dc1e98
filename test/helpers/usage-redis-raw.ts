// Reads raw keys and values straight from Redis over RESP (no client library), so a test can check
// what really sits in the store under a prefix, independent of the code that wrote it.
import { connect, type Socket } from 'node:net';

type Reply = string | number | null | Reply[] | Error;

class RespReader {
  #buf = Buffer.alloc(0);
  push(chunk: Buffer): void {
    this.#buf = Buffer.concat([this.#buf, chunk]);
  }
  /** One complete reply, or undefined if more bytes are needed. */
  read(): Reply | undefined {
    const r = this.#parse(0);
    if (!r) return undefined;
    this.#buf = this.#buf.subarray(r.end);
    return r.value;
  }
  #parse(at: number): { value: Reply; end: number } | undefined {
    const eol = this.#buf.indexOf('\r\n', at);
    if (eol < 0) return undefined;
    const type = String.fromCharCode(this.#buf[at] ?? 0);
    const line = this.#buf.toString('utf8', at + 1, eol);
    const next = eol + 2;
    if (type === '+') return { value: line, end: next };
    if (type === '-') return { value: new Error(line), end: next };
    if (type === ':') return { value: Number(line), end: next };
    if (type === '$') {
      const len = Number(line);
      if (len < 0) return { value: null, end: next };
      if (this.#buf.length < next + len + 2) return undefined;
      return { value: this.#buf.toString('utf8', next, next + len), end: next + len + 2 };
    }
    if (type === '*') {
      const n = Number(line);
      const items: Reply[] = [];
      let end = next;
      for (let i = 0; i < n; i++) {
        const item = this.#parse(end);
        if (!item) return undefined;
        items.push(item.value);
        end = item.end;
      }
      return { value: items, end };
    }
    throw new Error(`unexpected RESP type ${type}`);
  }
}

export class RawRedis {
  readonly #socket: Socket;
  readonly #reader = new RespReader();
  readonly #waiting: ((r: Reply) => void)[] = [];

  private constructor(socket: Socket) {
    this.#socket = socket;
    socket.on('data', (chunk) => {
      this.#reader.push(chunk);
      for (let r = this.#reader.read(); r !== undefined; r = this.#reader.read()) this.#waiting.shift()?.(r);
    });
  }

  static open(port = 6379): Promise<RawRedis> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => resolve(new RawRedis(socket)));
      socket.once('error', reject);
    });
  }

  command(...args: string[]): Promise<Reply> {
    const parts = [`*${args.length}\r\n`, ...args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`)];
    return new Promise((resolve) => {
      this.#waiting.push(resolve);
      this.#socket.write(parts.join(''));
    });
  }

  /** Every key under `prefix` with its value as text (strings as stored, other types listed). */
  async dump(prefix: string): Promise<Map<string, string>> {
    const keys = (await this.command('KEYS', `${prefix}*`)) as string[];
    const out = new Map<string, string>();
    for (const key of keys) {
      const type = await this.command('TYPE', key);
      if (type === 'string') out.set(key, String(await this.command('GET', key)));
      else if (type === 'set') out.set(key, JSON.stringify(await this.command('SMEMBERS', key)));
      else out.set(key, `(${String(type)})`);
    }
    return out;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.#socket.end(resolve));
  }
}
