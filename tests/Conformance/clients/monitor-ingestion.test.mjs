// @azure/monitor-ingestion against our Logs Ingestion emulator: HTTPS with the emulator's loopback certificate
// (passed as the pipeline's tlsOptions), a bearer token from a TokenCredential-like object, uploads the client splits
// by its own rule (rows summed below 1 000 000 bytes), 429 with Retry-After retried, and 401/400/413 answers surfacing
// as the client reports them.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { isAggregateLogsUploadError, LogsIngestionClient } from "@azure/monitor-ingestion";
import { startEmulators } from "./emulator-host.mjs";

/** A row of the CloudTrail stream whose JSON is exactly `bytes` long (padded in RequestParameters). */
function row(i, bytes) {
  const base = {
    TimeGenerated: new Date(Date.UTC(2026, 2, 1, 12, 0, i % 60)).toISOString(),
    AwsEventId: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
    EventName: "AssumeRole",
    EventSource: "sts.amazonaws.com",
    AWSRegion: "eu-west-1",
    ReadOnly: i % 2 === 0,
    RequestParameters: "",
  };
  const missing = bytes - Buffer.byteLength(JSON.stringify(base));
  assert.ok(missing >= 0, `a row cannot be as small as ${bytes} bytes`);
  base.RequestParameters = "x".repeat(missing);
  assert.equal(Buffer.byteLength(JSON.stringify(base)), bytes);
  return base;
}

const bodyBytes = (rows) => Buffer.byteLength(JSON.stringify(rows));

describe("@azure/monitor-ingestion against the Logs Ingestion emulator", () => {
  let emulators, info, scopes;
  before(async () => {
    emulators = await startEmulators();
    info = emulators.info;
  });
  after(() => emulators?.stop());

  const credential = (token) => ({
    async getToken(requested) {
      scopes.push(...[requested].flat());
      return { token, expiresOnTimestamp: info.tokenExpiresOnMs };
    },
  });
  const client = (token = info.ingestionToken, { trustEmulator = true } = {}) => {
    scopes = [];
    return new LogsIngestionClient(info.logsIngestionEndpoint, credential(token), trustEmulator ? { tlsOptions: { ca: info.certificatePem } } : {});
  };
  const delta = async (action) => {
    const before = await emulators.stats();
    let error;
    try { await action(); } catch (e) { error = e; }
    const after = await emulators.stats();
    const status = (s) => (after.ingestionStatuses[s] ?? 0) - (before.ingestionStatuses[s] ?? 0);
    return { error, requests: after.ingestionRequests - before.ingestionRequests, rows: after.ingestionRowsAccepted - before.ingestionRowsAccepted, status };
  };
  const onlyFailure = (error) => {
    assert.ok(isAggregateLogsUploadError(error), `expected AggregateLogsUploadError, got ${error}`);
    assert.equal(error.errors.length, 1);
    return error.errors[0];
  };

  test("an upload with a bearer token for https://monitor.azure.com is accepted (204)", async () => {
    const rows = [row(1, 400), row(2, 500), row(3, 600)];
    const r = await delta(() => client().upload(info.ruleId, info.streamName, rows));

    assert.equal(r.error, undefined);
    assert.deepEqual({ requests: r.requests, rows: r.rows, accepted: r.status(204) }, { requests: 1, rows: 3, accepted: 1 });
    assert.deepEqual([...new Set(scopes)], [`${info.ingestionAudience}/.default`]);
  });

  test("without trusting the emulator's certificate the client refuses the connection", async () => {
    const r = await delta(() => client(info.ingestionToken, { trustEmulator: false }).upload(info.ruleId, info.streamName, [row(4, 400)]));
    const failure = onlyFailure(r.error);
    assert.equal(failure.cause.code, "DEPTH_ZERO_SELF_SIGNED_CERT");
    assert.deepEqual({ requests: r.requests, rows: r.rows }, { requests: 0, rows: 0 });
  });

  test("a token for another cloud's audience is 401 InvalidAuthenticationToken", async () => {
    const rows = [row(5, 400)];
    const r = await delta(() => client(info.otherAudienceToken).upload(info.ruleId, info.streamName, rows));
    const failure = onlyFailure(r.error);
    assert.equal(failure.cause.statusCode, 401);
    assert.equal(failure.cause.code, "InvalidAuthenticationToken");
    assert.deepEqual(failure.failedLogs, rows);
    assert.equal(r.rows, 0);
  });

  test("a 429 with Retry-After: 1 is retried by the client after a second, and the rows delivered", async () => {
    await emulators.ingestionFaults(1, 429, 1);
    const started = performance.now();
    const r = await delta(() => client().upload(info.ruleId, info.streamName, [row(6, 400), row(7, 400)]));
    const waited = performance.now() - started;

    assert.equal(r.error, undefined);
    assert.deepEqual({ requests: r.requests, throttled: r.status(429), accepted: r.status(204), rows: r.rows },
      { requests: 2, throttled: 1, accepted: 1, rows: 2 });
    assert.ok(waited >= 950, `the retry came ${Math.round(waited)} ms after the first try, before Retry-After`);
  });

  test("2.5 MB of rows: the client splits them into bodies the emulator accepts, every row once", async () => {
    const rows = Array.from({ length: 500 }, (_, i) => row(100 + i, 5_000));
    const r = await delta(() => client().upload(info.ruleId, info.streamName, rows, { maxConcurrency: 2 }));

    assert.equal(r.error, undefined);
    assert.equal(r.rows, 500);
    assert.ok(r.requests >= Math.ceil(bodyBytes(rows) / info.maxBodyBytes), `${r.requests} requests for ${bodyBytes(rows)} bytes`);
    assert.equal(r.status(204), r.requests);
    assert.equal(r.status(413), 0);
  });

  // The client sums the rows' own bytes (below 1 000 000), not the brackets and commas of the array it sends; the
  // emulator counts the body. These two uploads sit on either side of the limit with rows the client sends as one body.
  test("a body of exactly 1 000 000 bytes is accepted", async () => {
    const rows = Array.from({ length: 90 }, (_, i) => row(1_000 + i, i === 0 ? 11_119 : 11_110));
    assert.equal(bodyBytes(rows), info.maxBodyBytes);
    const r = await delta(() => client().upload(info.ruleId, info.streamName, rows));

    assert.equal(r.error, undefined);
    assert.deepEqual({ requests: r.requests, rows: r.rows }, { requests: 1, rows: 90 });
  });

  test("a body of 1 000 081 bytes (rows summing to 999 990) is 413 ContentLengthLimitExceeded, not retried", async () => {
    const rows = Array.from({ length: 90 }, (_, i) => row(2_000 + i, 11_111));
    assert.equal(bodyBytes(rows), 1_000_081);
    const failed = [];
    const r = await delta(() => client().upload(info.ruleId, info.streamName, rows, { onError: (f) => failed.push(f) }));

    const failure = onlyFailure(r.error);
    assert.equal(failure.cause.statusCode, 413);
    assert.equal(failure.cause.code, "ContentLengthLimitExceeded");
    assert.equal(failure.failedLogs.length, 90);
    assert.equal(failed.length, 1, "onError is called once, for the one body");
    assert.deepEqual({ requests: r.requests, rows: r.rows, tooLarge: r.status(413) }, { requests: 1, rows: 0, tooLarge: 1 });
  });

  test("a row that does not fit the stream's columns is 400 InvalidContent for its body, the others delivered", async () => {
    const good = Array.from({ length: 300 }, (_, i) => row(3_000 + i, 5_000));
    const bad = { ...row(4_000, 400), ReadOnly: "yes" };
    const r = await delta(() => client().upload(info.ruleId, info.streamName, [...good, bad], { maxConcurrency: 1 }));

    const failure = onlyFailure(r.error);
    assert.equal(failure.cause.statusCode, 400);
    assert.equal(failure.cause.code, "InvalidContent");
    assert.match(failure.cause.message, /ReadOnly/);
    assert.ok(failure.failedLogs.includes(bad));
    assert.equal(r.rows, 300 + 1 - failure.failedLogs.length);
    assert.equal(r.status(400), 1);
  });
});
