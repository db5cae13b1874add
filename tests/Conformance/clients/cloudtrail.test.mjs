// @aws-sdk/client-cloudtrail (AWS SDK for JavaScript v3) against our CloudTrail emulator: what the official client
// sends (X-Amz-Target without the namespace, SigV4 with its own signer) must be accepted, and what it expects back
// (NextToken paging, Message, __type, x-amzn-RequestId) must be there.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { CloudTrailClient, LookupEventsCommand } from "@aws-sdk/client-cloudtrail";
import { sleep, startEmulators } from "./emulator-host.mjs";

describe("@aws-sdk/client-cloudtrail against the CloudTrail emulator", () => {
  let emulators, info;
  before(async () => {
    emulators = await startEmulators();
    info = emulators.info;
  });
  after(() => emulators?.stop());

  const client = (region, credentials = { accessKeyId: info.brokerAccessKeyId, secretAccessKey: info.brokerSecretAccessKey }) =>
    new CloudTrailClient({ region, endpoint: info.cloudTrailEndpoint, credentials, maxAttempts: 1 });
  const spacing = () => sleep(Math.ceil(1000 / info.requestsPerSecond) + 50);

  test("LookupEvents pages through the history with NextToken, newest first, 50 per page", async () => {
    const cloudTrail = client(info.historyRegion);
    const targets = [];
    cloudTrail.middlewareStack.add((next) => async (args) => {
      targets.push(args.request.headers["x-amz-target"]);
      return next(args);
    }, { step: "finalizeRequest", name: "recordTarget" });
    const events = [], pages = [];
    let nextToken;
    do {
      await spacing(); // the quota is 2 requests per second per account and region
      const page = await cloudTrail.send(new LookupEventsCommand({ MaxResults: 50, NextToken: nextToken }));
      assert.match(page.$metadata.requestId ?? "", /^[0-9a-f-]{36}$/, "x-amzn-RequestId becomes $metadata.requestId");
      pages.push(page.Events.length);
      events.push(...page.Events);
      nextToken = page.NextToken;
    } while (nextToken);

    assert.deepEqual(pages, [50, 50, info.brokerEvents - 100]);
    assert.equal(new Set(events.map((e) => e.EventId)).size, info.brokerEvents);
    for (let i = 1; i < events.length; i++) assert.ok(events[i - 1].EventTime >= events[i].EventTime, "newest first");
    for (const e of events) {
      assert.ok(e.EventTime instanceof Date, "EventTime (epoch seconds) is read as a date");
      const record = JSON.parse(e.CloudTrailEvent);
      assert.equal(record.eventID, e.EventId);
      assert.equal(record.eventName, e.EventName);
    }
    // The official client's form of the target, which the emulator used to refuse.
    assert.deepEqual([...new Set(targets)], ["CloudTrail_20131101.LookupEvents"]);
  });

  test("a NextToken used with other parameters is InvalidNextTokenException, its Message read by the client", async () => {
    const cloudTrail = client(info.historyRegion);
    await spacing();
    const first = await cloudTrail.send(new LookupEventsCommand({ MaxResults: 50 }));
    await spacing();
    await assert.rejects(
      cloudTrail.send(new LookupEventsCommand({ MaxResults: 50, NextToken: first.NextToken, EndTime: new Date(Date.now() - 60_000) })),
      (e) => {
        assert.equal(e.name, "InvalidNextTokenException");
        assert.equal(e.$metadata.httpStatusCode, 400);
        assert.match(e.message, /NextToken/);
        return true;
      });
  });

  test("a start after the end is InvalidTimeRangeException with the service's message", async () => {
    const cloudTrail = client(info.historyRegion);
    await spacing();
    await assert.rejects(
      cloudTrail.send(new LookupEventsCommand({ StartTime: new Date(Date.now() - 60_000), EndTime: new Date(Date.now() - 120_000) })),
      (e) => e.name === "InvalidTimeRangeException" && e.message === "Start time must be before end time." && e.$metadata.requestId !== undefined);
  });

  test("above 2 requests per second the client gets ThrottlingException, HTTP 400, with a request ID", async () => {
    const cloudTrail = client(info.throttleRegion);
    const before = await emulators.stats();
    // 12 at once: all of them served would need them spread over more than 5 s at 2 per second.
    const results = await Promise.allSettled(Array.from({ length: 12 }, () => cloudTrail.send(new LookupEventsCommand({}))));
    const after = await emulators.stats();

    const rejected = results.filter((r) => r.status === "rejected").map((r) => r.reason);
    assert.ok(results.some((r) => r.status === "fulfilled"), "requests within the quota are served");
    assert.ok(rejected.length >= 1, "requests above the quota are throttled");
    for (const e of rejected) {
      assert.equal(e.name, "ThrottlingException");
      assert.equal(e.$metadata.httpStatusCode, 400);
      assert.equal(e.message, "Rate exceeded");
      assert.match(e.$metadata.requestId ?? "", /^[0-9a-f-]{36}$/);
    }
    assert.equal(after.cloudTrailThrottles - before.cloudTrailThrottles, rejected.length);
  });

  test("SigV4: a wrong secret is InvalidSignatureException (403), an unknown key UnrecognizedClientException", async () => {
    await spacing();
    await assert.rejects(
      client(info.historyRegion, { accessKeyId: info.brokerAccessKeyId, secretAccessKey: "not-the-secret" }).send(new LookupEventsCommand({})),
      (e) => e.name === "InvalidSignatureException" && e.$metadata.httpStatusCode === 403);
    await assert.rejects(
      client(info.historyRegion, { accessKeyId: "AKIAUNKNOWNUNKNOWN12", secretAccessKey: "x" }).send(new LookupEventsCommand({})),
      (e) => e.name === "UnrecognizedClientException" && e.message === "The security token included in the request is invalid.");
  });
});
