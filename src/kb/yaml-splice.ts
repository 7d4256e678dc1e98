// Edits a YAML text the way a careful person would: only the lines of the change move; comments,
// key order, quoting, folded paragraphs and blank lines of the rest of the file stay byte for byte.
//
// Every edit is applied twice: to a `yaml` Document through its API (setIn/addIn/deleteIn - the
// truth), and as a splice of the source text at the node ranges of the parsed original. At the
// end the spliced text is parsed and compared with the Document; should they ever differ (an
// unusual layout the splice does not handle), the Document is printed instead, so the result is
// always right and, in the usual case, minimal. Re-printing the whole file is the fallback only
// because `yaml` re-folds `>-` paragraphs and re-pads flow collections when it prints.
import { isDeepStrictEqual } from 'node:util';
import { YamlEditError } from '../errors.js';
import { Document, isMap, isScalar, isSeq, Pair, parseDocument, Scalar, visit, YAMLMap, YAMLSeq, type Node } from 'yaml';

export type YamlPath = (string | number)[];

export interface YamlEditOptions {
  /** Key order of the map the key goes into: a new key is placed before the first key ranked after it. */
  order?: readonly string[];
  /** Print the new value as a flow collection (`{ state: done }`). */
  flow?: boolean;
}

export interface YamlEditResult {
  text: string;
  /** False when the whole file had to be re-printed (see the module comment). */
  preserved: boolean;
}

/** Thrown inside a splice that cannot be done exactly; the edit then falls back to re-printing. Private: caught in this module, never leaves it. */
class CannotSplice extends Error {}

const PRINT = { lineWidth: 0, minContentWidth: 0, flowCollectionPadding: false } as const;

function isScalarValue(v: unknown): boolean {
  return v === null || ['string', 'number', 'boolean'].includes(typeof v);
}

/** A node for `value`; sequences of plain values are printed in flow style (`[a, b]`) like the shipped files. */
function styledNode(doc: Document, value: unknown, flow = false): Node {
  const node = doc.createNode(value) as Node;
  visit(node, {
    Seq(_, seq) {
      if (seq.items.every((i) => isScalar(i))) seq.flow = true;
    },
  });
  if (flow && (isMap(node) || isSeq(node))) node.flow = true;
  return node;
}

function rank(order: readonly string[] | undefined, key: unknown): number {
  const i = order ? order.indexOf(String(key)) : -1;
  return i < 0 ? Number.POSITIVE_INFINITY : i;
}

function findPair(map: YAMLMap, key: string | number): Pair | undefined {
  return map.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === key) as Pair | undefined;
}

export class YamlTextEditor {
  #text: string;
  #doc: Document;
  readonly #model: Document;
  readonly #eol: string;
  #spliceFailed = false;

  /** `rootList`: the file holds a list of entries (contexts.yaml) rather than a map of fields. */
  constructor(text: string, options: { rootList?: boolean } = {}) {
    this.#text = text;
    this.#doc = parseDocument(text);
    if (this.#doc.errors.length > 0) throw new YamlEditError(`the file is not valid YAML: ${this.#doc.errors[0]?.message.split('\n')[0]}`);
    this.#model = parseDocument(text);
    if (options.rootList ? !isSeq(this.#model.contents) : !isMap(this.#model.contents)) {
      throw new YamlEditError(options.rootList ? 'the file does not hold a list of entries' : 'the file does not hold a map of fields');
    }
    this.#eol = text.includes('\r\n') ? '\r\n' : '\n';
  }

  toJS(): Record<string, unknown> {
    return this.#model.toJS() as Record<string, unknown>;
  }

  /** Sets `path` to `value`; the parent map must exist. */
  set(path: YamlPath, value: unknown, options: YamlEditOptions = {}): void {
    const parent = this.#modelParent(path);
    const key = path[path.length - 1] as string | number;
    if (isMap(parent)) {
      const pair = findPair(parent, key);
      if (pair && isScalar(pair.value) && isScalarValue(value)) parent.set(key, value);
      else if (pair) pair.value = styledNode(this.#model, value, options.flow);
      else {
        const newPair = new Pair(new Scalar(key), styledNode(this.#model, value, options.flow));
        const at = parent.items.findIndex((p) => rank(options.order, isScalar(p.key) ? p.key.value : p.key) > rank(options.order, key));
        if (at < 0 || rank(options.order, key) === Number.POSITIVE_INFINITY) parent.items.push(newPair);
        else parent.items.splice(at, 0, newPair);
      }
    } else if (isSeq(parent) && typeof key === 'number' && key < parent.items.length) {
      parent.set(key, isScalarValue(value) ? value : styledNode(this.#model, value, options.flow));
    } else {
      throw new YamlEditError(`cannot set ${path.join('.')}: its parent is not a map`);
    }
    this.#splice(() => this.#spliceSet(path, value, options));
  }

  /** Appends `value` to the sequence at `path`, creating the sequence when the key is missing. */
  append(path: YamlPath, value: unknown, options: YamlEditOptions = {}): void {
    const seq = this.#model.getIn(path, true);
    if (seq === undefined) {
      this.set(path, [value], options);
      return;
    }
    if (!isSeq(seq)) throw new YamlEditError(`cannot add to ${path.join('.')}: it is not a list`);
    const item = isScalarValue(value) ? new Scalar(value) : styledNode(this.#model, value, options.flow);
    if (seq.flow && !isScalarValue(value)) seq.flow = false; // a list of maps reads better as a block
    seq.items.push(item);
    this.#splice(() => this.#spliceAppend(path, value, options));
  }

  /** Removes the key or list item at `path` (nothing when it does not exist). */
  remove(path: YamlPath): void {
    if (!this.#model.hasIn(path)) return;
    this.#model.deleteIn(path);
    this.#splice(() => this.#spliceRemove(path));
  }

  result(): YamlEditResult {
    if (!this.#spliceFailed) {
      const check = parseDocument(this.#text);
      if (check.errors.length === 0 && isDeepStrictEqual(check.toJS(), this.#model.toJS())) return { text: this.#text, preserved: true };
    }
    return { text: this.#model.toString(PRINT), preserved: false };
  }

  // --- model helpers ---

  #modelParent(path: YamlPath): unknown {
    return path.length === 1 ? this.#model.contents : this.#model.getIn(path.slice(0, -1), true);
  }

  #modelNode(path: YamlPath): Node {
    const node = path.length === 0 ? this.#model.contents : this.#model.getIn(path, true);
    if (node === undefined || node === null) throw new CannotSplice();
    return node as Node;
  }

  // --- splicing the text ---

  #splice(fn: () => void): void {
    if (this.#spliceFailed) return;
    try {
      fn();
      this.#doc = parseDocument(this.#text);
      if (this.#doc.errors.length > 0) this.#spliceFailed = true;
    } catch (err) {
      if (!(err instanceof CannotSplice)) throw err;
      this.#spliceFailed = true;
    }
  }

  #replace(start: number, end: number, text: string): void {
    this.#text = this.#text.slice(0, start) + text + this.#text.slice(end);
  }

  #lineStart(pos: number): number {
    return this.#text.lastIndexOf('\n', pos - 1) + 1;
  }

  /** Position after the line break that ends the line holding `pos` (or the end of the text). */
  #lineEnd(pos: number): number {
    const i = this.#text.indexOf('\n', pos);
    return i < 0 ? this.#text.length : i + 1;
  }

  #column(pos: number): number {
    return pos - this.#lineStart(pos);
  }

  /** Only indentation before `pos` on its line. */
  #startsLine(pos: number): boolean {
    return this.#text.slice(this.#lineStart(pos), pos).trim() === '';
  }

  /** End of a node including the rest of its last line (a trailing comment, the line break). */
  #spanEnd(node: Node): number {
    const range = node.range;
    if (!range) throw new CannotSplice();
    return this.#lineEnd(Math.max(range[1] - 1, range[0]));
  }

  #textParent(path: YamlPath): unknown {
    return path.length === 1 ? this.#doc.contents : this.#doc.getIn(path.slice(0, -1), true);
  }

  /** `node` printed at column `col`: the first line without indentation, the others indented. */
  #print(node: Node | Pair, col: number, asItem = false): string {
    // A short flow map (`{ state: done }`) is printed padded like the shipped files, while flow
    // lists stay unpadded (`[a, b]`); `yaml` has one padding option for both, so print it apart.
    if (node instanceof Pair && isMap(node.value) && node.value.flow && isScalar(node.key)) {
      return `${String(node.key.value)}: ${this.#printFlow(node.value, true)}`;
    }
    const doc = new Document();
    if (asItem) doc.contents = new YAMLSeq() as never;
    else doc.contents = new YAMLMap() as never;
    (doc.contents as unknown as { items: unknown[] }).items.push(node);
    const lines = doc.toString(PRINT).replace(/\n$/, '').split('\n');
    return lines.map((l, i) => (i === 0 || l === '' ? l : ' '.repeat(col) + l)).join(this.#eol);
  }

  #printFlow(node: Node, padded: boolean): string {
    const doc = new Document();
    doc.contents = node as never;
    const was = (node as YAMLMap).flow;
    (node as YAMLMap).flow = true;
    const text = doc.toString({ ...PRINT, flowCollectionPadding: padded }).trimEnd();
    (node as YAMLMap).flow = was;
    if (text.includes('\n')) throw new CannotSplice();
    return text;
  }

  #isPadded(node: YAMLMap | YAMLSeq): boolean {
    const range = node.range;
    if (!range) throw new CannotSplice();
    return node.items.length > 0 ? this.#text[range[0] + 1] === ' ' : isMap(node);
  }

  /** Re-prints a flow collection of the text from the model. */
  #reprintFlow(textNode: YAMLMap | YAMLSeq, modelPath: YamlPath): void {
    const range = textNode.range;
    if (!range) throw new CannotSplice();
    this.#replace(range[0], range[1], this.#printFlow(this.#modelNode(modelPath), this.#isPadded(textNode)));
  }

  /** Re-prints the whole `key: value` pair at `path` from the model. */
  #reprintPair(path: YamlPath): void {
    if (path.length === 0) throw new CannotSplice();
    const parent = this.#textParent(path);
    const key = path[path.length - 1] as string | number;
    if (!isMap(parent)) throw new CannotSplice();
    if (parent.flow) return this.#reprintFlow(parent, path.slice(0, -1));
    const pair = findPair(parent, key);
    if (!pair || !isScalar(pair.key) || !pair.key.range) throw new CannotSplice();
    const start = pair.key.range[0];
    const end = this.#spanEnd((pair.value as Node | null) ?? pair.key);
    const modelPair = new Pair(new Scalar(key), this.#modelNode(path));
    this.#replace(start, end, this.#print(modelPair, this.#column(start)) + this.#eol);
  }

  #spliceSet(path: YamlPath, value: unknown, options: YamlEditOptions): void {
    const parent = this.#textParent(path);
    const key = path[path.length - 1] as string | number;
    if (!isMap(parent)) throw new CannotSplice();
    if (parent.flow) return this.#reprintFlow(parent, path.slice(0, -1));
    const pair = findPair(parent, key);
    if (pair) {
      const v = pair.value as Node | null;
      const inline = isScalar(v) && v.range && (v.type === 'PLAIN' || v.type === 'QUOTE_DOUBLE' || v.type === 'QUOTE_SINGLE');
      if (inline && isScalarValue(value)) {
        const printed = new Document(value).toString(PRINT).replace(/\n$/, '');
        if (!printed.includes('\n')) {
          this.#replace(v.range![0], v.range![1], printed);
          return;
        }
      }
      return this.#reprintPair(path);
    }
    this.#insertPair(parent, path, options);
  }

  #insertPair(map: YAMLMap, path: YamlPath, options: YamlEditOptions): void {
    const key = path[path.length - 1] as string | number;
    const first = map.items[0];
    if (!first || !isScalar(first.key) || !first.key.range) throw new CannotSplice();
    const col = this.#column(first.key.range[0]);
    const printed = this.#print(new Pair(new Scalar(key), this.#modelNode(path)), col);
    const keyRank = rank(options.order, key);
    const next = keyRank === Number.POSITIVE_INFINITY ? undefined : map.items.find((p) => rank(options.order, isScalar(p.key) ? p.key.value : p.key) > keyRank);
    if (next && isScalar(next.key) && next.key.range) {
      const at = next.key.range[0];
      if (!this.#startsLine(at)) {
        // The first key of a list item (`- id: …`): go in right before it, on the same line.
        this.#replace(at, at, printed + this.#eol + ' '.repeat(col));
        return;
      }
      // Before the comment lines that introduce the next key, so they stay with it.
      let pos = this.#lineStart(at);
      while (pos > 0) {
        const prev = this.#lineStart(pos - 1);
        const line = this.#text.slice(prev, pos);
        if (!/^\s*#/.test(line) || this.#column(prev + line.indexOf('#')) !== col) break;
        pos = prev;
      }
      this.#replace(pos, pos, ' '.repeat(col) + printed + this.#eol);
      return;
    }
    const last = map.items[map.items.length - 1] as Pair;
    const end = this.#spanEnd((last.value as Node | null) ?? (last.key as Node));
    const lead = end > 0 && this.#text[end - 1] !== '\n' ? this.#eol : '';
    this.#replace(end, end, lead + ' '.repeat(col) + printed + this.#eol);
  }

  #spliceAppend(path: YamlPath, value: unknown, options: YamlEditOptions): void {
    const seq = this.#doc.getIn(path, true);
    if (seq === undefined) return this.#spliceSet(path, [value], options);
    if (!isSeq(seq) || !seq.range) throw new CannotSplice();
    if (seq.flow) {
      if (isScalarValue(value)) return this.#reprintFlow(seq, path);
      return this.#reprintPair(path); // the model turned it into a block list
    }
    const last = seq.items[seq.items.length - 1] as Node | undefined;
    if (!last) throw new CannotSplice();
    const dashCol = this.#column(seq.range[0]);
    const modelSeq = this.#modelNode(path) as YAMLSeq;
    const printed = this.#print(modelSeq.items[modelSeq.items.length - 1] as Node, dashCol, true);
    const end = this.#spanEnd(last);
    const lead = end > 0 && this.#text[end - 1] !== '\n' ? this.#eol : '';
    this.#replace(end, end, lead + ' '.repeat(dashCol) + printed + this.#eol);
  }

  #spliceRemove(path: YamlPath): void {
    const parent = this.#textParent(path);
    const key = path[path.length - 1] as string | number;
    const parentPath = path.slice(0, -1);
    if ((isSeq(parent) || isMap(parent)) && parent.flow) return this.#reprintFlow(parent, parentPath);
    if (isSeq(parent) && typeof key === 'number') {
      if (parent.items.length === 1) return this.#reprintPair(parentPath); // becomes `key: []`
      const item = parent.items[key] as Node | undefined;
      if (!item?.range || !this.#startsLine(this.#text.lastIndexOf('-', item.range[0]))) throw new CannotSplice();
      this.#replace(this.#lineStart(item.range[0]), this.#spanEnd(item), '');
      return;
    }
    if (isMap(parent)) {
      const pair = findPair(parent, key);
      if (!pair || !isScalar(pair.key) || !pair.key.range) throw new CannotSplice();
      if (parent.items.length === 1) return this.#reprintPair(parentPath); // becomes `key: {}`
      if (!this.#startsLine(pair.key.range[0])) throw new CannotSplice();
      this.#replace(this.#lineStart(pair.key.range[0]), this.#spanEnd((pair.value as Node | null) ?? pair.key), '');
      return;
    }
    throw new CannotSplice();
  }
}
