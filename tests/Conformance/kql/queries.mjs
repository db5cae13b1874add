// Finds the KQL a rendered Pulumi program carries, with the schema each query runs against:
// - monitor:ScheduledQueryRule criteria.allOf[].query, operationalinsights:SavedSearch query, and the KqlItem
//   queries (queryType 0 = Log Analytics) in an applicationinsights:Workbook's serializedData (Notebook/1.0
//   items, groups nested) run in the workspace;
// - monitor:DataCollectionRule dataFlows[].transformKql runs over the virtual table `source`, whose columns are the
//   flow's input stream declaration (Azure Monitor "Data collection transformations").
// Any other string property named like a query is reported, so KQL the gate does not understand is never skipped
// silently.

/**
 * The program's queries: [{ resource, where, text, scope: "workspace" | { source: columns } }] and problems
 * (strings) for KQL found where the gate cannot check it.
 */
export function findQueries(program) {
  const queries = [];
  const problems = [];
  const known = new Set(); // "resource path" of every query taken, for the coverage walk
  for (const [resource, r] of Object.entries(program.resources ?? {})) {
    const p = r.properties ?? {};
    const take = (where, text, scope) => { queries.push({ resource, where, text, scope }); known.add(`${resource}.properties.${where}`); };
    switch (r.type) {
      case "azure-native:monitor:ScheduledQueryRule":
        (p.criteria?.allOf ?? []).forEach((c, i) => { if (typeof c.query === "string") take(`criteria.allOf[${i}].query`, c.query, "workspace"); });
        break;
      case "azure-native:operationalinsights:SavedSearch":
        if (typeof p.query === "string") take("query", p.query, "workspace");
        break;
      case "azure-native:applicationinsights:Workbook": {
        const data = workbookData(p.serializedData);
        if (data.error) { problems.push(`${resource}: serializedData ${data.error}`); break; }
        const walk = (items, at) => (items ?? []).forEach((item, i) => {
          const path = `${at}[${i}]`;
          const content = item?.content ?? {};
          if (typeof content.query === "string") {
            if ((content.queryType ?? 0) === 0) take(`serializedData.${path}.content.query`, content.query, "workspace");
            else problems.push(`${resource}: serializedData.${path}.content.query has queryType ${content.queryType}, which the gate does not check`);
          }
          walk(content.items, `${path}.content.items`);
        });
        walk(data.value.items, data.prefix + "items");
        break;
      }
      case "azure-native:monitor:DataCollectionRule":
        (p.dataFlows ?? []).forEach((flow, i) => {
          if (typeof flow.transformKql !== "string") return;
          const stream = flow.streams?.[0];
          const declared = p.streamDeclarations?.[stream]?.columns;
          if (!declared) problems.push(`${resource}: dataFlows[${i}].transformKql reads stream ${stream}, which has no stream declaration in this rule (the gate needs its columns)`);
          take(`dataFlows[${i}].transformKql`, flow.transformKql, { source: declared ?? [] });
        });
        break;
    }
  }
  // Coverage: every string property named query/transformKql anywhere in a resource must have been taken above.
  for (const [resource, r] of Object.entries(program.resources ?? {})) {
    const visit = (value, path) => {
      if (Array.isArray(value)) value.forEach((v, i) => visit(v, `${path}[${i}]`));
      else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) {
        const at = `${path}.${k === "fn::toJSON" ? "" : k}`.replace(/\.\./g, ".").replace(/\.$/, "");
        if (/^(query|transformKql)$/i.test(k) && typeof v === "string" && !isKnown(known, resource, at, r.type)) {
          problems.push(`${resource} (${r.type}): KQL at ${at} that the gate does not check`);
        }
        visit(v, at);
      }
    };
    visit(r.properties, `${resource}.properties`);
  }
  return { queries, problems };
}

function isKnown(known, resource, at, type) {
  if (known.has(at)) return true;
  // Workbook paths are recorded relative to the decoded serializedData; skipped queryTypes were reported already.
  return type === "azure-native:applicationinsights:Workbook" && at.startsWith(`${resource}.properties.serializedData`);
}

function workbookData(serializedData) {
  if (serializedData && typeof serializedData === "object" && serializedData["fn::toJSON"]) return { value: serializedData["fn::toJSON"], prefix: "" };
  if (typeof serializedData === "string") {
    try { return { value: JSON.parse(serializedData), prefix: "" }; } catch (e) { return { error: `is not JSON: ${e.message}` }; }
  }
  return { error: "is neither a JSON string nor fn::toJSON" };
}
