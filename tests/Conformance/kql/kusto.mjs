// Loads Microsoft's Kusto language service (npm @kusto/language-service-next, the Bridge.NET build of the C#
// Kusto.Language library that Azure Data Explorer and Log Analytics editors use) and wraps the few calls the gate
// needs: symbols for tables, columns and functions, and ParseAndAnalyze + GetDiagnostics on one query.
// The package is two classic scripts that define globals (Bridge, System, Kusto): bridge.js must load first.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
let kusto; // Kusto.Language, loaded on first use (about 0.3 s; the first analysis builds the built-in symbols, ~3 s)

export function language() {
  if (!kusto) {
    require("@kusto/language-service-next/bridge.min.js");
    require("@kusto/language-service-next/Kusto.Language.Bridge.min.js");
    kusto = globalThis.Kusto.Language;
  }
  return kusto;
}

/** Kusto scalar type for a column type as written in a Log Analytics table schema or a DCR stream declaration. */
export function scalarType(type) {
  const t = language().Symbols.ScalarTypes;
  const byName = {
    string: t.String, int: t.Int, long: t.Long, real: t.Real, double: t.Real, decimal: t.Decimal,
    bool: t.Bool, boolean: t.Bool, datetime: t.DateTime, timespan: t.TimeSpan, guid: t.Guid, dynamic: t.Dynamic,
  };
  return byName[String(type).toLowerCase()] ?? null;
}

/** A TableSymbol from [{ name, type }] (types already checked with scalarType). */
export function tableSymbol(name, columns) {
  const S = language().Symbols;
  return new S.TableSymbol.$ctor4(name, columns.map((c) => new S.ColumnSymbol(c.name, scalarType(c.type), null, null, null, null)));
}

/** A database function declared by its body (a stored function, e.g. a SavedSearch with functionAlias). */
export function functionSymbol(name, parameterList, body) {
  return new (language().Symbols.FunctionSymbol.$ctor16)(name, parameterList, body, null);
}

/** GlobalState with one database holding the given table and function symbols. */
export function globalsWith(symbols) {
  const L = language();
  const database = new L.Symbols.DatabaseSymbol.$ctor1("workspace", symbols, false);
  return L.GlobalState.Default.WithDatabase(database);
}

/**
 * Parses and analyses `text` against `globals`; returns the diagnostics as plain objects
 * { severity, code, message, start, length, line, column } (line and column 1-based).
 */
export function diagnose(text, globals) {
  const code = language().KustoCode.ParseAndAnalyze(text, globals);
  const list = code.GetDiagnostics();
  const result = [];
  for (let i = 0; i < list.Count; i++) {
    const d = list.getItem(i);
    const before = text.slice(0, d.Start).split("\n");
    result.push({ severity: d.Severity, code: d.Code, message: d.Message, start: d.Start, length: d.Length,
      line: before.length, column: before.at(-1).length + 1 });
  }
  return result;
}
