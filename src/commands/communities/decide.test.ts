import { describe, expect, it } from "vitest";
import { intlFor } from "../../i18n/node.js";
import { decisionNotice } from "./decide.js";

const say = (n: ReturnType<typeof decisionNotice>, locale: "en-AU" | "fr-CA" = "en-AU") => intlFor(locale).formatMessage(n.message, n.values);

describe("decisionNotice", () => {
  it("carries the approver's note with an approval, under the proposed name or another", () => {
    expect(say(decisionNotice(true, "Data Stewards", "Data Stewards", "Add a second owner."))).toBe('Your community "Data Stewards" was approved. Note from the platform owner: Add a second owner.');
    expect(say(decisionNotice(true, "Data Stewards", "Data Stewardship", "Renamed to match."))).toBe(
      'Your community "Data Stewards" was approved as "Data Stewardship". Note from the platform owner: Renamed to match.',
    );
    expect(say(decisionNotice(true, "Data Stewards", "Data Stewardship", "Renamed to match."), "fr-CA")).toBe(
      "Votre communauté «\u00a0Data Stewards\u00a0» a été approuvée sous le nom «\u00a0Data Stewardship\u00a0». Note de la personne responsable de la plateforme\u00a0: Renamed to match.",
    );
  });

  it("keeps the plain approval without a note, and the reason with a rejection", () => {
    expect(decisionNotice(true, "A", "A", "")).toMatchObject({ message: { id: "notice.community.approved" }, values: { community: "A" } });
    expect(decisionNotice(true, "A", "B", "")).toMatchObject({ message: { id: "notice.community.approvedRenamed" }, values: { community: "A", approvedName: "B" } });
    expect(say(decisionNotice(false, "A", "A", "Exists already."))).toBe('Your community "A" was not approved: Exists already.');
  });
});
