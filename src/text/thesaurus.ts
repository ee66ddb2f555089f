import { type Span, analyze, tokenize } from './analyze.js';

/**
 * Groups of words and phrases that name the same thing. Text that mentions any member of a group also
 * carries the group's term, so "autonomy" meets "self driving" and "memory shortage" meets "DRAM
 * bottleneck", in timeline alignment and in search alike.
 */
export class Thesaurus {
  /** First stem of a phrase → the phrases starting with it (as stem sequences) and their group term. */
  private readonly phrases = new Map<string, { stems: string[]; group: string }[]>();

  /** @param groups each a list of phrases in plain English; analysed like any text. */
  constructor(groups: readonly (readonly string[])[]) {
    for (const group of groups) this.add(group);
  }

  /** Adds a group (used for acronyms found in the corpus: `High Bandwidth Memory (HBM)`). */
  add(group: readonly string[]): void {
    const analysed = group
      .map((phrase) => ({ stems: analyze(phrase), words: tokenize(phrase).length }))
      // A phrase that stopwords cut to one word ("drive themselves" → "drive") would make that word,
      // in any sense, a member.
      .filter(({ stems, words }) => stems.length > 0 && (stems.length > 1 || words === 1))
      .map(({ stems }) => stems);
    const first = analysed[0];
    if (!first || analysed.length < 2) return;
    const term = `~${first.join('_')}`;
    for (const stems of analysed) {
      const head = stems[0] as string;
      const list = this.phrases.get(head) ?? [];
      if (!list.some((entry) => entry.group === term && entry.stems.join(' ') === stems.join(' '))) {
        list.push({ stems, group: term });
        this.phrases.set(head, list);
      }
    }
  }

  /**
   * The terms with every member of a group replaced by the group's term, longest member first: both
   * sides of a match are expanded alike, and a multi-word member stands for one thing ("real estate"
   * says nothing about what is "real").
   */
  expand(terms: readonly string[]): string[] {
    return this.expandSpans(terms.map((term) => ({ term, start: 0, end: 0 }))).map((span) => span.term);
  }

  /** `expand` over spans: a phrase's span runs from its first word to its last. */
  expandSpans(spans: readonly Span[]): Span[] {
    const out: Span[] = [];
    for (let i = 0; i < spans.length; i++) {
      const span = spans[i] as Span;
      let longest: { stems: string[]; group: string } | undefined;
      for (const entry of this.phrases.get(span.term) ?? []) {
        const matches = entry.stems.every((stem, k) => spans[i + k]?.term === stem);
        if (matches && entry.stems.length > (longest?.stems.length ?? 0)) longest = entry;
      }
      if (!longest) {
        out.push(span);
        continue;
      }
      const last = spans[i + longest.stems.length - 1] as Span;
      out.push({ term: longest.group, start: span.start, end: last.end });
      i += longest.stems.length - 1;
    }
    return out;
  }
}

/**
 * General English and podcast-talk synonyms: what people say for what pages write. Names, tickers and
 * acronyms belong in the moderators' `aliases.json` instead.
 */
export const COMMON_SYNONYMS: readonly (readonly string[])[] = [
  ['self driving', 'autonomy', 'autonomous', 'driverless', 'robotaxi', 'robotaxis', 'cars drive themselves'],
  ['consumer electronics', 'consumer hardware', 'gadget', 'device', 'electronics'],
  ['train', 'training', 'learn'],
  ['company', 'firm', 'lab', 'startup'],
  ['own', 'ownership'],
  ['cheap', 'cheaper', 'low cost', 'inexpensive', 'fraction of the cost'],
  ['plane', 'aircraft', 'airplane', 'aviation', 'airline', 'airport', 'air traffic', 'pilot'],
  ['crash', 'accident', 'collision', 'tragedy', 'disaster'],
  ['interest rate', 'rates', 'yields', 'treasuries', 'bond market'],
  ['spending cuts', 'cost cutting', 'budget cuts', 'cutting spending', 'cuts', 'savings', 'waste'],
  ['deficit', 'national debt', 'debt'],
  ['chip', 'semiconductor', 'gpu'],
  ['memory', 'dram'],
  ['shortage', 'bottleneck', 'crunch', 'scarcity', 'sold out', 'supply constraint'],
  ['datacenter', 'data center', 'data centre'],
  ['ai', 'artificial intelligence'],
  ['earnings', 'quarterly results', 'blowout quarter'],
  ['ipo', 'public offering', 'going public', 'public listing'],
  ['offering price', 'deal price', 'ipo price', 'issue price', 'listing price'],
  ['cost', 'costs', 'spend', 'spent', 'spending', 'outlay'],
  ['socialist', 'socialism', 'democratic socialists', 'dsa'],
  ['election', 'primary', 'primaries', 'vote'],
  ['china', 'chinese', 'beijing'],
  ['usa', 'america', 'american', 'united states'],
  ['robot', 'robotic', 'robotics', 'automation', 'automated', 'machine made'],
  ['food', 'meal', 'restaurant', 'cooking', 'kitchen'],
  ['open source', 'open weights'],
  ['power', 'electricity', 'energy', 'grid'],
  ['car', 'vehicle', 'ev', 'ride hail'],
  ['real estate', 'property', 'office space', 'commercial real estate', 'parking'],
  ['copy', 'copying', 'clone', 'imitate'],
  ['distillation', 'distill', 'distilled'],
  ['valuation', 'valued', 'worth'],
  ['space', 'orbit', 'orbital'],
  ['fundraise', 'fundraising', 'raise', 'funding round'],
  ['inflation', 'price spikes', 'price hikes', 'prices rising'],
  ['model', 'llm', 'language model'],
  ['stock', 'shares', 'share price'],
  ['government', 'federal', 'administration', 'white house'],
];

/** The shared default: built once, used wherever no moderator aliases apply. */
export const commonThesaurus = new Thesaurus(COMMON_SYNONYMS);
