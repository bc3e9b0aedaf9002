// Completion for the segment language: what fits where the cursor is — attributes and events at the start of a
// condition, an event's properties and time filters inside its parentheses, the store's known values after a comparison.

const lex = (text) => {
  const tokens = [];
  const pattern = /--[^\n]*|"(?:\\.|[^"\\])*"?|'(?:\\.|[^'\\])*'?|<=|>=|!=|[=<>(),]|[A-Za-z_][A-Za-z0-9_]*|-?\d[\w.:+-]*|\S/g;
  for (const match of text.matchAll(pattern)) {
    if (!match[0].startsWith('--')) tokens.push({ text: match[0], at: match.index });
  }
  return tokens;
};

const isOperator = (t) => ['=', '!=', '<', '<=', '>', '>='].includes(t);
const word = (t) => t?.toLowerCase();

// The open parentheses before the cursor, innermost last: what each belongs to (an event, in_segment, interest, an IN
// list of a name, or plain grouping), and the tokens since it or its last comma.
const context = (tokens) => {
  const open = [{ kind: 'top', since: 0 }];
  tokens.forEach((token, i) => {
    if (token.text === '(') {
      const before = tokens[i - 1]?.text;
    const kind = word(before) === 'in' ? 'list' : before === 'in_segment' || before === 'interest' ? before
      : /^[a-z_]+$/.test(before ?? '') && !['and', 'or', 'not'].includes(word(before)) ? 'event' : 'group';
    const name = kind === 'list' ? tokens[i - 2]?.text : before;
    open.push({ kind, name, since: i + 1 });
  } else if (token.text === ')') {
    if (open.length > 1) open.pop();
  } else if (token.text === ',' && open.at(-1).kind === 'event') {
    open.at(-1).since = i + 1;
  }
  });
  const innermost = open.at(-1);
  return { ...innermost, recent: tokens.slice(innermost.since).map((t) => t.text), enclosing: open.at(-2) };
};

// In a condition: the tokens since its last AND, OR, NOT or opening parenthesis.
const clause = (recent) => {
  let start = 0;
  recent.forEach((t, i) => { if (['and', 'or', 'not'].includes(word(t)) && word(recent[i - 1]) !== 'between') start = i + 1; });
  return recent.slice(start);
};

export const completeQuery = (vocabulary) => (completion) => {
  // Read at each request: the vocabulary object is filled in when the store's answer comes.
  const events = new Map(vocabulary.events.map((e) => [e.name, e]));
  const attributes = new Map(vocabulary.attributes.map((a) => [a.name, a]));
  const known = vocabulary.values ?? {};
  const valuesOf = (name, type) => {
    const key = /source$/.test(name) ? 'source' : name;
    if (known[key]) return known[key].map((v) => ({ label: JSON.stringify(v), type: 'text', detail: 'in this store' }));
    if (type === 'bool') return ['TRUE', 'FALSE'].map((v) => ({ label: v, type: 'keyword' }));
    if (type === 'time') return ['-1h', '-7d', '-30d', '-90d'].map((v) => ({ label: v, type: 'constant', detail: 'ago' }));
    return [];
  };
  const named = (words, type, detail) => words.map((w) => ({ label: w.name, type, detail: w.meaning || w.type || detail, info: w.type }));
  const startOfCondition = () => [
    ...named(vocabulary.attributes, 'property', 'attribute'),
    ...vocabulary.events.map((e) => ({ label: e.name, type: 'function', detail: 'event: count it', apply: `${e.name}()` })),
    { label: 'in_segment', type: 'function', detail: 'member of a saved segment', apply: 'in_segment("' },
    { label: 'interest', type: 'function', detail: 'affinity for a category, 0–1', apply: 'interest("' },
    { label: 'NOT', type: 'keyword' },
  ];
  const comparisons = ['=', '!=', '>', '>=', '<', '<=', 'IN (', 'NOT IN (', 'BETWEEN', 'IS NULL', 'IS NOT NULL', 'CONTAINS']
    .map((op) => ({ label: op, type: 'keyword' }));
  const joins = ['AND', 'OR'].map((op) => ({ label: op, type: 'keyword' }));

  const before = completion.state.sliceDoc(0, completion.pos);
  const tokens = lex(before);
  // The word or string being typed is what the options replace.
  const typing = /(["'][^"']*|[A-Za-z_][A-Za-z0-9_]*|-?\d\w*)$/.exec(before);
  const from = typing ? completion.pos - typing[0].length : completion.pos;
  if (typing && tokens.length && tokens.at(-1).at === from) tokens.pop();
  if (!typing && !completion.explicit && !/[\s(,=<>]$/.test(before)) return null;
  const where = context(tokens);
  const answer = (options) => (options.length ? { from, options, validFor: /^["']?[\w .&'-]*$/ } : null);

  if (where.kind === 'in_segment') return answer((vocabulary.segments ?? []).map((s) => ({ label: JSON.stringify(s), type: 'text', detail: 'saved segment' })));
  if (where.kind === 'interest') return answer(valuesOf('category', 'text'));
  if (where.kind === 'list') {
    const property = where.enclosing?.kind === 'event' ? events.get(where.enclosing.name)?.properties.find((p) => p.name === where.name) : null;
    return answer(valuesOf(where.name, (property ?? attributes.get(where.name))?.type));
  }
  if (where.kind === 'event') {
    const event = events.get(where.name);
    const recent = where.recent;
    if (recent.length === 0) {
      return answer([
        ...(event ? named(event.properties, 'property', 'property') : []),
        ...['within 7d', 'within 30d', 'after', 'before'].map((f) => ({ label: f, type: 'keyword', detail: 'time filter' })),
      ]);
    }
    if (['within', 'after', 'before'].includes(word(recent[0]))) {
      return recent.length === 1 ? answer(['1d', '7d', '30d', '90d', '365d'].map((d) => ({ label: word(recent[0]) === 'within' ? d : `-${d}`, type: 'constant' }))) : null;
    }
    const property = event?.properties.find((p) => p.name === recent[0]);
    if (recent.length === 1) return answer(comparisons);
    if (recent.length === 2 && isOperator(recent[1])) return answer(valuesOf(recent[0], property?.type));
    return null;
  }
  // Outside any event: a condition on attributes, events and functions.
  const parts = clause(where.recent);
  if (parts.length === 0) return answer(startOfCondition());
  const attribute = attributes.get(parts[0]);
  if (parts.length === 1 && attribute) return answer(comparisons);
  if (parts.length === 2 && attribute && isOperator(parts[1])) return answer(valuesOf(parts[0], attribute.type));
  return answer(joins);
};
