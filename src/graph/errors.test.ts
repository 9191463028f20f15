import { describe, expect, it } from "vitest";
import { failureFrom, forbiddenReason } from "./errors.js";

const body = (code: string, message: string) => ({ error: { code, message, innerError: { "request-id": "r" } } });

describe("a Graph 403", () => {
  it("a missing application permission (Teams' wording) names what Graph needs and is final", () => {
    const f = failureFrom(403, body("Forbidden", "Missing role permissions on the request. API requires one of 'ChannelSettings.ReadWrite.All'. Roles on the request 'Channel.Create'."), "r");
    expect(f).toMatchObject({ status: 403, code: "Forbidden", retryable: false, refusal: "permission" });
    expect(f.userMessage).toContain("ChannelSettings.ReadWrite.All");
  });

  it("Entra's Authorization_RequestDenied and the documented accessDenied are permission refusals too", () => {
    expect(forbiddenReason("Authorization_RequestDenied", "Insufficient privileges to complete the operation.")).toEqual({ refusal: "permission", needs: null });
    expect(forbiddenReason("accessDenied", "")).toEqual({ refusal: "permission", needs: null });
  });

  it("the app not installed for a notice's recipient is told apart from a permission", () => {
    const f = failureFrom(
      403,
      body("Forbidden", "Application with AAD App Id 'a' is not authorized to generate custom text notifications about '/users/u/teamwork/sendActivityNotification' to the recipient. Ensure that the expected Teams app is installed in the target scope (user, team, or chat)."),
      "r",
    );
    expect(f).toMatchObject({ retryable: false, refusal: "appNotInstalled" });
    expect(f.userMessage).toMatch(/not installed/);
    expect(f.userMessage).not.toMatch(/permission/);
  });

  it("any other 403 is final and not claimed to be either", () => {
    const f = failureFrom(403, body("Forbidden", "Conditional access: insufficient_claims"), "r");
    expect(f.retryable).toBe(false);
    expect(f.refusal).toBeUndefined();
  });
});
