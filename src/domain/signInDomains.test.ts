import { describe, expect, it } from "vitest";
import { anyoneCanSignIn, domainAllowed, domainLiveness, domainStatuses, notFullyLive } from "./signInDomains.js";
import { domainAllowed as policyDomainAllowed } from "./policy.js";

const ALLOWED = ["finance.gov.au", ".abs.gov.au", "stats.dta.gov.au", ".defence.gov.au"];

describe("sign-in domains", () => {
  it("the policy's rule is this module's", () => {
    expect(policyDomainAllowed).toBe(domainAllowed);
    expect(domainAllowed("Finance.GOV.au", ALLOWED)).toBe(true);
    expect(domainAllowed("abs.gov.au", ALLOWED)).toBe(false); // a pattern admits subdomains only
    expect(domainAllowed("x.abs.gov.au", ALLOWED)).toBe(true);
  });

  it("an exact agency domain is live exactly when its people may sign in", () => {
    expect(domainLiveness("finance.gov.au", ALLOWED)).toBe("live");
    expect(domainLiveness("treasury.gov.au", ALLOWED)).toBe("inactive");
    expect(domainLiveness("stats.abs.gov.au", ALLOWED)).toBe("live");
    expect(domainLiveness("abs.gov.au", ALLOWED)).toBe("inactive");
  });

  it("a subdomain pattern is live when an allowed pattern covers it, partly live when only some of it is allowed", () => {
    expect(domainLiveness(".abs.gov.au", ALLOWED)).toBe("live");
    expect(domainLiveness(".army.defence.gov.au", ALLOWED)).toBe("live");
    expect(domainLiveness(".dta.gov.au", ALLOWED)).toBe("partial");
    expect(domainLiveness(".gov.au", ALLOWED)).toBe("partial");
    expect(domainLiveness(".treasury.gov.au", ALLOWED)).toBe("inactive");
    // A suffix that is not a whole label does not count.
    expect(domainLiveness(".ance.gov.au", ["finance.gov.au"])).toBe("inactive");
  });

  it("summarises an agency's domains", () => {
    const s = domainStatuses(["finance.gov.au", ".dta.gov.au", "treasury.gov.au"], ALLOWED);
    expect(s.map((x) => x.status)).toEqual(["live", "partial", "inactive"]);
    expect(anyoneCanSignIn(s)).toBe(true);
    expect(notFullyLive(s)).toEqual([".dta.gov.au", "treasury.gov.au"]);
    expect(anyoneCanSignIn(domainStatuses(["treasury.gov.au"], ALLOWED))).toBe(false);
    expect(anyoneCanSignIn(domainStatuses(["finance.gov.au"], []))).toBe(false);
  });
});
