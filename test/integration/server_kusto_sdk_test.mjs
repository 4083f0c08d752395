// Runs the stock npm azure-kusto-data SDK against a running `huntbook serve --anonymous`.
// usage: node server_kusto_sdk_test.mjs http://127.0.0.1:PORT CLIENTS_DIR
import assert from "node:assert/strict";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [url, clientsDir] = process.argv.slice(2);
const sdk = await import(
  pathToFileURL(path.join(clientsDir, "node_modules/azure-kusto-data/dist-esm/src/index.js")).href
);
const client = new sdk.Client(url);
let passed = 0;
let failed = 0;

async function check(name, body) {
  try {
    await body();
    passed += 1;
    console.log(`ok ${name}`);
  } catch (error) {
    failed += 1;
    console.log(`FAIL ${name}: ${error && error.stack ? error.stack : error}`);
  }
}

function firstRows(response) {
  const table = response.primaryResults[0];
  return [...table.rows()].map((row) => row.toJSON());
}

await check("v2 query", async () => {
  const response = await client.execute("default", "range c from 1 to 10 step 1 | count");
  const rows = firstRows(response);
  assert.equal(rows.length, 1);
  assert.equal(Number(rows[0].Count), 10);
});

await check("v2 types", async () => {
  const response = await client.execute(
    "default",
    "print s = 'x', b = true, r = 1.5, d = datetime(2024-01-02 03:04:05), t = 1h, j = dynamic({\"k\":[1,2]})",
  );
  const row = firstRows(response)[0];
  assert.equal(row.s, "x");
  assert.equal(row.b, true);
  assert.equal(row.r, 1.5);
  assert.equal(new Date(row.d).toISOString(), "2024-01-02T03:04:05.000Z");
  assert.deepEqual(row.j, { k: [1, 2] });
});

await check("v1 query", async () => {
  assert.equal(typeof client.executeQueryV1, "function");
  const response = await client.executeQueryV1("default", "print x = 42");
  assert.equal(firstRows(response)[0].x, 42);
});

await check("management command", async () => {
  const response = await client.execute("default", ".show databases");
  const names = firstRows(response).map((row) => row.DatabaseName);
  assert.ok(names.includes("default"), JSON.stringify(names));
});

await check("create, ingest inline, query", async () => {
  await client.execute("default", ".create table SdkT (Name:string, N:long)");
  await client.execute("default", ".ingest inline into table SdkT <|\na,1\nb,2");
  const response = await client.execute("default", "SdkT | summarize total = sum(N)");
  assert.equal(Number(firstRows(response)[0].total), 3);
});

await check("query parameters", async () => {
  const properties = new sdk.ClientRequestProperties();
  properties.setParameter("who", "O'Brien | union x");
  const response = await client.execute(
    "default",
    "declare query_parameters(who:string); print p = who",
    properties,
  );
  assert.equal(firstRows(response)[0].p, "O'Brien | union x");
});

await check("error raises", async () => {
  await assert.rejects(client.execute("default", "print ("), (error) => {
    assert.match(String(error.message || error), /SYN0002|Syntax|BadRequest|400/i);
    return true;
  });
});

await check("partial failure raises", async () => {
  const properties = new sdk.ClientRequestProperties();
  properties.setOption("truncationmaxrecords", 3);
  await assert.rejects(client.execute("default", "range x from 1 to 10 step 1", properties));
});

// v2 answers are streamed with chunked transfer encoding; the SDK reads them whole.
await check("streamed v2 result", async () => {
  const response = await client.execute("default", "range x from 1 to 50000 step 1");
  const rows = firstRows(response);
  assert.equal(rows.length, 50000);
  assert.equal(Number(rows[49999].x), 50000);
});

// The SDK keeps only DataTable frames: it does not read progressive answers
// (TableHeader/TableFragment), so asking for one gives it no primary result, and no error.
await check("progressive answer is not read by the SDK", async () => {
  const properties = new sdk.ClientRequestProperties();
  properties.setOption("results_progressive_enabled", true);
  const response = await client.execute("default", "range x from 1 to 10 step 1", properties);
  assert.equal(response.dataSetHeader.IsProgressive, true);
  assert.equal(response.primaryResults.length, 0);
  const plain = await client.execute("default", "range x from 1 to 10 step 1");
  assert.deepEqual(firstRows(plain).map((row) => Number(row.x)), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
});

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
