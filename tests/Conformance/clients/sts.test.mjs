// @aws-sdk/client-sts against our STS emulator: AssumeRole with the external ID (and AccessDenied without it),
// AssumeRoleWithWebIdentity, request IDs as the service returns them, and the session accepted by the CloudTrail
// emulator when the official CloudTrail client signs with it.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { AssumeRoleCommand, AssumeRoleWithWebIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { CloudTrailClient, LookupEventsCommand } from "@aws-sdk/client-cloudtrail";
import { startEmulators } from "./emulator-host.mjs";

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe("@aws-sdk/client-sts against the STS emulator", () => {
  let emulators, info, broker;
  before(async () => {
    emulators = await startEmulators();
    info = emulators.info;
    broker = new STSClient({
      region: info.historyRegion,
      endpoint: info.stsEndpoint,
      credentials: { accessKeyId: info.brokerAccessKeyId, secretAccessKey: info.brokerSecretAccessKey },
      maxAttempts: 1,
    });
  });
  after(() => emulators?.stop());

  const assumeReader = (externalId) =>
    broker.send(new AssumeRoleCommand({ RoleArn: info.readerRoleArn, RoleSessionName: "official-client", ExternalId: externalId, DurationSeconds: 900 }));

  test("AssumeRole with the external ID returns session credentials and the request ID", async () => {
    const started = Date.now();
    const answer = await assumeReader(info.externalId);

    assert.match(answer.Credentials.AccessKeyId, /^ASIA/);
    assert.ok(answer.Credentials.SecretAccessKey.length >= 40);
    assert.ok(answer.Credentials.SessionToken.length > 0);
    assert.ok(answer.Credentials.Expiration instanceof Date);
    assert.ok(Math.abs(answer.Credentials.Expiration.getTime() - (started + 900_000)) < 120_000, "Expiration is DurationSeconds ahead");
    assert.equal(answer.AssumedRoleUser.Arn, info.readerRoleArn.replace(":iam::", ":sts::").replace(":role/", ":assumed-role/") + "/official-client");
    assert.match(answer.$metadata.requestId ?? "", uuid, "the x-amzn-RequestId header, as STS sends it on every answer");
  });

  test("the session signs the official CloudTrail client's requests in the reader's account", async () => {
    const { Credentials } = await assumeReader(info.externalId);
    const cloudTrail = new CloudTrailClient({
      region: info.historyRegion,
      endpoint: info.cloudTrailEndpoint,
      credentials: { accessKeyId: Credentials.AccessKeyId, secretAccessKey: Credentials.SecretAccessKey, sessionToken: Credentials.SessionToken },
      maxAttempts: 1,
    });
    const page = await cloudTrail.send(new LookupEventsCommand({}));
    assert.equal(page.Events.length, info.readerEvents);
    assert.ok(page.Events.every((e) => JSON.parse(e.CloudTrailEvent).recipientAccountId === info.readerRoleArn.split(":")[4]));
  });

  for (const [name, externalId] of [["a wrong external ID", "not-the-external-id"], ["no external ID", undefined]]) {
    test(`AssumeRole with ${name} is AccessDenied, HTTP 403, with the request ID`, async () => {
      await assert.rejects(assumeReader(externalId), (e) => {
        assert.equal(e.name, "AccessDenied");
        assert.equal(e.$metadata.httpStatusCode, 403);
        assert.match(e.message, /is not authorized to perform: sts:AssumeRole on resource/);
        assert.match(e.$metadata.requestId ?? "", uuid);
        return true;
      });
    });
  }

  test("AssumeRole signed with a wrong secret is SignatureDoesNotMatch", async () => {
    const wrong = new STSClient({
      region: info.historyRegion,
      endpoint: info.stsEndpoint,
      credentials: { accessKeyId: info.brokerAccessKeyId, secretAccessKey: "not-the-secret" },
      maxAttempts: 1,
    });
    await assert.rejects(wrong.send(new AssumeRoleCommand({ RoleArn: info.readerRoleArn, RoleSessionName: "official-client", ExternalId: info.externalId })),
      (e) => e.name === "SignatureDoesNotMatch" && e.$metadata.httpStatusCode === 403);
  });

  describe("AssumeRoleWithWebIdentity (unsigned)", () => {
    const anonymous = () => new STSClient({ region: info.historyRegion, endpoint: info.stsEndpoint, maxAttempts: 1 });
    const subjectOf = (jwt) => JSON.parse(Buffer.from(jwt.split(".")[1], "base64url")).sub;

    test("a token of the trusted issuer, audience and subject gets a session", async () => {
      const answer = await anonymous().send(new AssumeRoleWithWebIdentityCommand({
        RoleArn: info.webIdentityRoleArn, RoleSessionName: "worker", WebIdentityToken: info.webIdentityToken,
      }));
      assert.match(answer.Credentials.AccessKeyId, /^ASIA/);
      assert.equal(answer.SubjectFromWebIdentityToken, subjectOf(info.webIdentityToken));
      assert.match(answer.$metadata.requestId ?? "", uuid);
    });

    test("a token with another subject is AccessDenied", async () => {
      await assert.rejects(anonymous().send(new AssumeRoleWithWebIdentityCommand({
        RoleArn: info.webIdentityRoleArn, RoleSessionName: "worker", WebIdentityToken: info.otherSubjectWebIdentityToken,
      })), (e) => e.name === "AccessDenied" && e.$metadata.httpStatusCode === 403);
    });

    test("a token whose signature does not verify is InvalidIdentityToken, the SDK's modelled exception", async () => {
      const tampered = info.webIdentityToken.slice(0, -4) + (info.webIdentityToken.endsWith("AAAA") ? "BBBB" : "AAAA");
      await assert.rejects(anonymous().send(new AssumeRoleWithWebIdentityCommand({
        RoleArn: info.webIdentityRoleArn, RoleSessionName: "worker", WebIdentityToken: tampered,
      })), (e) => {
        assert.equal(e.name, "InvalidIdentityTokenException");
        assert.equal(e.$metadata.httpStatusCode, 400);
        return true;
      });
    });
  });
});
