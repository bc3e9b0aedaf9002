// The visual segment builder: groups of AND/OR with attribute, event, segment and interest rules. It edits the same
// query the text editor holds: each change prints the query as text, and the text's outline (from the store's parser)
// redraws the builder.
(() => {
  const element = (tag, attributes = {}, ...children) => {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
      if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
      else if (value !== false && value !== undefined) node.setAttribute(name, value === true ? '' : value);
    }
    node.append(...children);
    return node;
  };
  const select = (label, value, options, onchange) => {
    const box = element('select', { 'aria-label': label, onchange: (e) => onchange(e.target.value) },
      ...options.map(([v, text]) => element('option', { value: v, selected: v === value }, text ?? v)));
    if (!options.some(([v]) => v === value) && value) box.prepend(element('option', { value, selected: true }, value));
    return box;
  };
  const input = (label, value, onchange, attributes = {}) =>
    element('input', { 'aria-label': label, value: value ?? '', onchange: (e) => onchange(e.target.value), ...attributes });

  const comparisons = ['=', '!=', '>', '>=', '<', '<=', 'in', 'not in', 'between', 'not between', 'is null', 'is not null', 'contains'];
  const arity = (op) => (op.endsWith('null') ? 0 : op.endsWith('between') ? 2 : op.endsWith('in') ? -1 : 1);
  const quote = (text) => `"${String(text).replace(/[\\"]/g, (c) => `\\${c}`)}"`;

  // The query as text, the way the store prints it: strings quoted, parentheses only where precedence needs them.
  const printer = (typeOf) => {
    const value = (type, text) => (type === 'text' || type === 'list' ? quote(text) : String(text ?? '').trim());
    const condition = (c, type) => {
      const op = c.operator;
      const v = c.values ?? [];
      if (op === 'is null' || op === 'is not null') return `${c.name} ${op.toUpperCase()}`;
      if (op === 'in' || op === 'not in') return `${c.name} ${op.toUpperCase()} (${v.map((x) => value(type, x)).join(', ')})`;
      if (op.endsWith('between')) return `${c.name} ${op.toUpperCase()} ${value(type, v[0])} AND ${value(type, v[1])}`;
      if (op === 'contains') return `${c.name} CONTAINS ${quote(v[0] ?? '')}`;
      return `${c.name} ${op} ${value(type, v[0])}`;
    };
    const not = (negated, text) => (negated ? `NOT ${text}` : text);
    const node = (n, parent) => {
      switch (n.kind) {
        case 'group': {
          const inner = n.items.map((i) => node(i, n)).filter((t) => t).join(n.join === 'or' ? ' OR ' : ' AND ');
          if (!inner) return '';
          const wrap = n.items.length > 1 && (n.negated || (parent && parent.join !== n.join));
          return not(n.negated, wrap || (n.negated && n.items.length === 1 && n.items[0].kind === 'group') ? `(${inner})` : inner);
        }
        case 'attribute': return not(n.negated, condition(n.condition, typeOf(n.condition.name)));
        case 'event': {
          const filters = n.filters.map((f) => condition(f, typeOf(f.name, n.event)));
          if (n.within) filters.push(`within ${n.within}`);
          if (n.after) filters.push(`after ${n.after}`);
          if (n.before) filters.push(`before ${n.before}`);
          const count = n.operator === '>=' && Number(n.count) === 1 ? '' : ` ${n.operator} ${n.count}`;
          return not(n.negated, `${n.event}(${filters.join(', ')})${count}`);
        }
        case 'segment': return not(n.negated, `in_segment(${quote(n.slug)})`);
        case 'interest': return not(n.negated, `interest(${quote(n.category)}) ${n.operator} ${n.value}`);
        default: return '';
      }
    };
    return (root) => node({ ...root, kind: 'group' }, null);
  };

  const create = (host, vocabulary, changed) => {
    const attributes = vocabulary.attributes;
    const events = new Map(vocabulary.events.map((e) => [e.name, e]));
    const typeOf = (name, event) => (event ? events.get(event)?.properties.find((p) => p.name === name)?.type
      : attributes.find((a) => a.name === name)?.type) ?? 'text';
    const print = printer(typeOf);
    const known = vocabulary.values ?? {};
    const lists = element('div', { hidden: true });
    for (const [name, values] of Object.entries(known)) {
      lists.append(element('datalist', { id: `ns-values-${name}` }, ...values.map((v) => element('option', { value: v }))));
    }
    let root = { join: 'and', negated: false, items: [] };
    // A value typed in a box only changes the text; adding, removing or a choice that changes the boxes redraws too.
    const emit = () => changed(print(root));
    const update = () => { draw(); emit(); };

    const values = (c, type, onchange) => {
      const n = arity(c.operator);
      const list = known[/source$/.test(c.name) ? 'source' : c.name] ? `ns-values-${/source$/.test(c.name) ? 'source' : c.name}` : undefined;
      const set = (i) => (v) => { c.values[i] = v; emit(); };
      if (n === 0) return [];
      if (n === -1) {
        return [input('Values, comma-separated', (c.values ?? []).join(', '), (v) => { c.values = v.split(',').map((x) => x.trim()).filter((x) => x); emit(); })];
      }
      const boxes = [input('Value', c.values[0], set(0), { list, placeholder: type === 'time' ? '-30d' : '' })];
      if (n === 2) boxes.push(' and ', input('Up to', c.values[1], set(1)));
      return boxes;
    };
    const conditionRow = (c, names, event, onchange) => [
      select(event ? 'Property' : 'Attribute', c.name, names.map((a) => [a.name]), (v) => { c.name = v; onchange(); }),
      select('Comparison', c.operator, comparisons.map((o) => [o]), (v) => {
        c.operator = v;
        c.values = (c.values ?? []).slice(0, Math.max(arity(v), 0) || (arity(v) === -1 ? 99 : 0));
        onchange();
      }),
      ...values(c, typeOf(c.name, event), onchange),
    ];
    const remove = (list, item) => element('button', { type: 'button', class: 'ns-link', 'aria-label': 'Remove', onclick: () => { list.splice(list.indexOf(item), 1); update(); } }, '×');
    const negate = (n, yes, no) => select('Match', n.negated ? 'not' : 'is', [['is', yes], ['not', no]], (v) => { n.negated = v === 'not'; emit(); });

    const rule = (n, list) => {
      const row = element('div', { class: 'ns-rule', 'data-rule': n.kind });
      switch (n.kind) {
        case 'attribute':
          row.append(negate(n, 'where', 'where not'), ...conditionRow(n.condition, attributes, null, update));
          break;
        case 'event': {
          const event = events.get(n.event);
          row.append(negate(n, 'did', 'did not do'),
            select('Event', n.event, vocabulary.events.map((e) => [e.name]), (v) => { n.event = v; update(); }),
            select('Count comparison', n.operator, ['>=', '>', '=', '!=', '<', '<='].map((o) => [o]), (v) => { n.operator = v; emit(); }),
            input('Times', n.count, (v) => { n.count = v; emit(); }, { type: 'number', min: '0', class: 'ns-narrow' }), ' times',
            ' within ', input('Within', n.within, (v) => { n.within = v.trim() || null; emit(); }, { placeholder: '7d', class: 'ns-narrow' }),
            ' after ', input('After', n.after, (v) => { n.after = v.trim() || null; emit(); }, { placeholder: '-30d / 2026-01-01', class: 'ns-narrow' }),
            ' before ', input('Before', n.before, (v) => { n.before = v.trim() || null; emit(); }, { placeholder: '', class: 'ns-narrow' }));
          const filters = element('div', { class: 'ns-filters' });
          for (const f of n.filters) filters.append(element('div', { class: 'ns-rule', 'data-filter': '' }, 'with ', ...conditionRow(f, event?.properties ?? [], n.event, update), remove(n.filters, f)));
          filters.append(element('button', { type: 'button', class: 'ns-link', onclick: () => { n.filters.push({ name: event?.properties[0]?.name ?? 'category', operator: '=', values: [''] }); update(); } }, '+ Property filter'));
          row.append(remove(list, n), filters);
          return row;
        }
        case 'segment':
          row.append(negate(n, 'in segment', 'not in segment'), select('Segment', n.slug, (vocabulary.segments ?? []).map((s) => [s]), (v) => { n.slug = v; emit(); }));
          break;
        case 'interest':
          row.append(negate(n, 'interest in', 'no interest in'), input('Category', n.category, (v) => { n.category = v; emit(); }, { list: 'ns-values-category' }),
            select('Comparison', n.operator, ['>=', '>', '<', '<=', '=', '!='].map((o) => [o]), (v) => { n.operator = v; emit(); }),
            input('Value', n.value, (v) => { n.value = v; emit(); }, { class: 'ns-narrow' }));
          break;
        default:
          return group(n, list);
      }
      row.append(remove(list, n));
      return row;
    };
    const group = (g, list) => {
      const box = element('fieldset', { class: 'ns-group', 'data-group': g.join });
      box.append(element('legend', {}, list ? negate(g, 'Match', 'Do not match') : 'Match ',
        select('Join', g.join, [['and', 'all of'], ['or', 'any of']], (v) => { g.join = v; emit(); }), ' these', list ? remove(list, g) : ''));
      for (const item of g.items) box.append(rule(item, g.items));
      const add = (label, make) => element('button', { type: 'button', class: 'ns-secondary', onclick: () => { g.items.push(make()); update(); } }, label);
      box.append(element('p', { class: 'ns-actions' },
        add('Add condition', () => ({ kind: 'attribute', negated: false, condition: { name: 'orders_count', operator: '>=', values: ['1'] } })),
        add('Add event', () => ({ kind: 'event', event: 'product_viewed', filters: [], within: '30d', after: null, before: null, operator: '>=', count: 1, negated: false })),
        add('Add segment', () => ({ kind: 'segment', slug: vocabulary.segments?.[0] ?? '', negated: false })),
        add('Add group', () => ({ kind: 'group', join: g.join === 'and' ? 'or' : 'and', negated: false, items: [] }))));
      return box;
    };
    const note = element('p', { class: 'ns-note', hidden: true, 'data-builder-note': '' });
    const draw = () => host.replaceChildren(lists, note, group(root, null));

    return {
      /** Shows the outline of the text; with a problem, keeps the last good rules and says why they are not the text's. */
      show(outline, problem) {
        note.hidden = !problem;
        note.textContent = problem ?? '';
        if (outline) root = outline;
        draw();
        note.hidden = !problem;
      },
      print: () => print(root),
    };
  };

  window.NopSegmentsBuilder = { create, printer };
})();
