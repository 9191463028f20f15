import { describe, expect, it } from "vitest";
import { MEMBER_PERMISSIONS, meFor } from "./testing/fixtures.js";
import { linksFor } from "./routes.js";

describe("linksFor", () => {
  it("shows links that need a permission only when the server granted it", () => {
    expect(linksFor("nav").map((l) => l.label.defaultMessage)).toEqual(["Home", "Communities", "People", "Notices"]);
    expect(linksFor("nav", meFor()).map((l) => l.label.defaultMessage)).toEqual(["Home", "Communities", "Propose a community", "People", "Notices"]);
    const owner = meFor({ permissions: { ...MEMBER_PERMISSIONS, "community.approve": true } });
    expect(linksFor("nav", owner).map((l) => l.label.defaultMessage)).toContain("Approvals");
    expect(linksFor("footer").map((l) => l.to)).toEqual(["/privacy", "/terms"]);
  });
});
