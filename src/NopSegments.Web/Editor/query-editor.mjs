// The segment query editor: CodeMirror 6 over the form's textarea, which stays the field the form posts. It highlights
// the language, completes names and the store's known values, and underlines the error the store reports.
import { EditorState, Compartment } from '@codemirror/state';
import { EditorView, keymap, placeholder, drawSelection, highlightActiveLine } from '@codemirror/view';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { StreamLanguage, HighlightStyle, syntaxHighlighting, bracketMatching } from '@codemirror/language';
import { autocompletion, completionKeymap, closeBrackets } from '@codemirror/autocomplete';
import { setDiagnostics, lintGutter } from '@codemirror/lint';
import { tags } from '@lezer/highlight';
import { completeQuery } from './query-completion.mjs';

const keywords = new Set(['and', 'or', 'not', 'in', 'between', 'is', 'null', 'true', 'false', 'contains', 'within', 'after', 'before']);

const language = (vocabulary) => {
  const events = new Set(vocabulary.events.map((e) => e.name));
  const attributes = new Set(vocabulary.attributes.map((a) => a.name));
  return StreamLanguage.define({
    name: 'segment-query',
    token(stream) {
      if (stream.eatSpace()) return null;
      if (stream.match('--')) { stream.skipToEnd(); return 'comment'; }
      const quote = stream.peek();
      if (quote === '"' || quote === "'") {
        stream.next();
        let escaped = false;
        for (let c = stream.next(); c !== undefined; c = stream.next()) {
          if (c === quote && !escaped) break;
          escaped = !escaped && c === '\\';
        }
        return 'string';
      }
      if (stream.match(/^\d{4}-\d{2}-\d{2}(T[0-9:.]+(Z|[+-]\d{2}:\d{2})?)?/)) return 'time';
      if (stream.match(/^-?\d+[mhdw]\b/)) return 'time';
      if (stream.match(/^-?\d+(\.\d+)?/)) return 'number';
      if (stream.match(/^(<=|>=|!=|=|<|>)/)) return 'operator';
      const word = stream.match(/^[A-Za-z_][A-Za-z0-9_]*/);
      if (word) {
        const text = word[0];
        if (keywords.has(text.toLowerCase())) return 'keyword';
        if (events.has(text)) return 'event';
        if (attributes.has(text)) return 'attribute';
        if (text === 'in_segment' || text === 'interest') return 'function';
        return 'name';
      }
      stream.next();
      return null;
    },
    tokenTable: {
      event: tags.function(tags.variableName), attribute: tags.propertyName, function: tags.standard(tags.variableName),
      time: tags.special(tags.number), name: tags.variableName,
    },
    languageData: { commentTokens: { line: '--' } },
  });
};

const colours = HighlightStyle.define([
  { tag: tags.keyword, color: '#7a2e1f', fontWeight: '600' },
  { tag: tags.string, color: '#2e6f3a' },
  { tag: [tags.number, tags.special(tags.number)], color: '#1f4f7a' },
  { tag: tags.comment, color: '#777', fontStyle: 'italic' },
  { tag: tags.function(tags.variableName), color: '#6a3e8a', fontWeight: '600' },
  { tag: tags.standard(tags.variableName), color: '#6a3e8a' },
  { tag: tags.propertyName, color: '#7a5a10' },
  { tag: tags.operator, color: '#444' },
]);

const theme = EditorView.theme({
  '&': { border: '1px solid #bbb', borderRadius: '4px', background: '#fff', fontSize: '14px' },
  '&.cm-focused': { outline: '2px solid #7a2e1f55' },
  '.cm-content': { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace', minHeight: '7.5em', padding: '6px 0' },
  '.cm-scroller': { lineHeight: '1.5' },
});

/**
 * Puts the editor in place of the textarea at once; the textarea keeps the text, and hears an input event on each
 * change. The names to highlight and complete can come later (setVocabulary): the store reads its values meanwhile.
 */
const attach = (textarea, words) => {
  const field = textarea;
  const vocabulary = { attributes: [], events: [], values: {}, segments: [], ...words };
  const highlighting = new Compartment();
  // The field's label names the editor instead; it no longer points at the hidden textarea, whose focus would steal clicks.
  const label = field.id ? document.querySelector(`label[for="${field.id}"]`) : null;
  const named = label?.id ? { 'aria-labelledby': label.id } : { 'aria-label': 'Query' };
  if (label) label.htmlFor = '';
  const view = new EditorView({
    parent: field.parentElement,
    state: EditorState.create({
      doc: field.value,
      extensions: [
        history(), drawSelection(), highlightActiveLine(), bracketMatching(), closeBrackets(), lintGutter(),
        highlighting.of(language(vocabulary)), syntaxHighlighting(colours), theme, EditorView.lineWrapping,
        placeholder('orders_count >= 3 AND product_viewed(category = "Candles", within 30d) >= 2'),
        autocompletion({ override: [completeQuery(vocabulary)], activateOnTyping: true, icons: false }),
        keymap.of([...completionKeymap, ...defaultKeymap, ...historyKeymap]),
        EditorView.contentAttributes.of({ ...named, 'aria-describedby': field.getAttribute('aria-describedby') ?? '', spellcheck: 'false', 'data-query-editor': '' }),
        EditorView.updateListener.of((update) => {
          if (!update.docChanged) return;
          field.value = update.state.doc.toString();
          field.dispatchEvent(new Event('input', { bubbles: true }));
        }),
      ],
    }),
  });
  field.after(view.dom);
  field.hidden = true;
  return {
    view,
    /** The store's names and values arrived: completion offers them and the text is highlighted with them. */
    setVocabulary(words) {
      Object.assign(vocabulary, words);
      view.dispatch({ effects: highlighting.reconfigure(language(vocabulary)) });
    },
    /** Replaces the text (the builder's edits): the change reaches the textarea and the preview like typing does. */
    setText(text) {
      if (text === view.state.doc.toString()) return;
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
    },
    /** Underlines the store's error at its line and column, or clears it with null. */
    showProblem(problem) {
      const doc = view.state.doc;
      if (!problem || !problem.line || problem.line > doc.lines) {
        view.dispatch(setDiagnostics(view.state, []));
        return;
      }
      const line = doc.line(problem.line);
      const from = Math.min(line.from + Math.max(0, (problem.column ?? 1) - 1), line.to);
      const rest = doc.sliceString(from, line.to);
      const length = Math.max(1, (rest.match(/^[A-Za-z0-9_.]+|^"[^"]*"?|^\S/) ?? [''])[0].length);
      view.dispatch(setDiagnostics(view.state, [{ from, to: Math.min(from + length, doc.length), severity: 'error', message: problem.message }]));
    },
  };
};

window.NopSegmentsQueryEditor = { attach };
