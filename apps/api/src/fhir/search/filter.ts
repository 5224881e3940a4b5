import type { ResourceType } from '../fhir.constants.js';
import { invalidParameter } from '../fhir-errors.js';
import { TABLE } from '../fhir-row-sql.js';
import { type Criterion, criteriaSql, parseCriterion, type Scope } from './criteria.js';
import { paramDef } from './search-parameters.js';
import type { SqlParams } from './sql-params.js';

/**
 * `_filter` (FHIR filter grammar), as far as the IG's documented queries use it: comparisons
 * `path op value` joined by `and`/`or`, `not(...)`, parentheses; paths are this server's search parameters,
 * chained ones included (`organization:above._lastUpdated ge 2025-01-01`).
 */
const OPS = new Set(['eq', 'ne', 'gt', 'lt', 'ge', 'le', 'sa', 'eb', 'ap', 'co', 'sw']);

type Tok = { kind: 'lp' | 'rp' | 'word' | 'string'; text: string };

function tokenize(input: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < input.length) {
    const ch = input[i]!;
    if (/\s/.test(ch)) i++;
    else if (ch === '(' || ch === ')') {
      out.push({ kind: ch === '(' ? 'lp' : 'rp', text: ch });
      i++;
    } else if (ch === '"') {
      let j = i + 1;
      let text = '';
      while (j < input.length && input[j] !== '"') {
        if (input[j] === '\\' && j + 1 < input.length) j++;
        text += input[j++];
      }
      if (j >= input.length) throw invalidParameter('_filter', 'guillemet non fermé');
      out.push({ kind: 'string', text });
      i = j + 1;
    } else {
      let j = i;
      while (j < input.length && !/[\s()"]/.test(input[j]!)) j++;
      out.push({ kind: 'word', text: input.slice(i, j) });
      i = j;
    }
  }
  return out;
}

function finalType(type: ResourceType, c: Criterion): string {
  let current = type;
  for (const step of c.chain) current = paramDef(current, step.name)!.ref!.target;
  return paramDef(current, c.name)!.type;
}

export function filterSql(type: ResourceType, a: string, expression: string, p: SqlParams, policy: Scope): string {
  if (expression.length > 2000) throw invalidParameter('_filter', 'expression trop longue');
  const toks = tokenize(expression);
  let pos = 0;
  const peek = () => toks[pos];
  const word = (w: string) => peek()?.kind === 'word' && peek()!.text.toLowerCase() === w;
  const expect = (kind: Tok['kind']) => {
    const t = toks[pos++];
    if (!t || t.kind !== kind)
      throw invalidParameter('_filter', `expression mal formée près de « ${t?.text ?? 'fin'} »`);
    return t;
  };

  const comparison = (alias: string): string => {
    const path = expect('word').text;
    const opTok = expect('word');
    const op = opTok.text.toLowerCase();
    if (!OPS.has(op)) throw invalidParameter('_filter', `opérateur « ${opTok.text} » non pris en charge`);
    const valueTok = toks[pos++];
    if (!valueTok || (valueTok.kind !== 'word' && valueTok.kind !== 'string'))
      throw invalidParameter('_filter', `valeur attendue après ${path} ${op}`);
    const value = valueTok.text.replace(/,/g, '\\,');
    const probe = parseCriterion(type, path, value);
    if (!probe) throw invalidParameter('_filter', `paramètre inconnu « ${path} »`);
    const kind = finalType(type, probe);
    let criterion: Criterion;
    if (kind === 'date' || kind === 'number' || kind === 'quantity') {
      if (op === 'co' || op === 'sw') throw invalidParameter('_filter', `${op} ne s'applique pas à ${path}`);
      criterion = { ...probe, raw: `${op}${value}` };
    } else if (kind === 'string') {
      criterion = { ...probe, modifier: op === 'co' ? 'contains' : op === 'sw' ? undefined : 'exact' };
      if (op !== 'eq' && op !== 'co' && op !== 'sw')
        throw invalidParameter('_filter', `${op} ne s'applique pas à ${path}`);
    } else {
      if (op !== 'eq' && op !== 'ne') throw invalidParameter('_filter', `${op} ne s'applique pas à ${path}`);
      criterion = { ...probe, modifier: op === 'ne' ? 'not' : probe.modifier };
    }
    return criteriaSql(type, alias, [criterion], p, policy).join(' AND ');
  };

  const factor = (alias: string): string => {
    if (word('not')) {
      pos++;
      expect('lp');
      const inner = orExpr(alias);
      expect('rp');
      return `NOT coalesce(${inner}, false)`;
    }
    if (peek()?.kind === 'lp') {
      pos++;
      const inner = orExpr(alias);
      expect('rp');
      return `(${inner})`;
    }
    return `(${comparison(alias)})`;
  };
  const andExpr = (alias: string): string => {
    const parts = [factor(alias)];
    while (word('and')) {
      pos++;
      parts.push(factor(alias));
    }
    return parts.join(' AND ');
  };
  let branchAliases = 0;
  /**
   * `A or B`: the ids of each branch, on its own copy of the table, united. A plain SQL `OR` mixing an indexed
   * column and an `IN (subquery)` (the IG's delta with parent organisations) reads the whole table; separate
   * branches each keep their index paths. The first branch is parsed again on its own alias.
   */
  const orExpr = (alias: string): string => {
    const start = pos;
    const bound = p.mark();
    const first = andExpr(alias);
    if (!word('or')) return first;
    pos = start;
    p.reset(bound);
    const branches: string[] = [];
    for (;;) {
      const x = `f${++branchAliases}`;
      branches.push(`SELECT ${x}.id FROM ${TABLE[type]} ${x} WHERE ${andExpr(x)}`);
      if (!word('or')) break;
      pos++;
    }
    return `${alias}.id IN (${branches.join(' UNION ')})`;
  };

  const sql = orExpr(a);
  if (pos !== toks.length) throw invalidParameter('_filter', `expression mal formée près de « ${toks[pos]!.text} »`);
  return sql;
}
