// @vitest-environment jsdom
import "../../testing/resizeObserver.js";
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ClassificationCeiling } from "../../api/types.js";
import { LiveAnnouncer } from "../LiveAnnouncer/LiveAnnouncer.js";
import { ProposalFields } from "./ProposalFields.js";
import { emptyDraft } from "./proposalForm.js";

afterEach(cleanup);

const REASON = "This Guildhall is accredited to hold information up to OFFICIAL. Choose OFFICIAL.";

function renderFields(classifications: ClassificationCeiling | undefined) {
  const onChange = vi.fn();
  render(
    <LiveAnnouncer>
      <ProposalFields draft={emptyDraft(undefined)} errors={{}} agencies={[]} classifications={classifications} onChange={onChange} />
    </LiveAnnouncer>,
  );
  return onChange;
}

const radio = (name: RegExp) => screen.getByRole<HTMLInputElement>("radio", { name });

describe("ProposalFields classification", () => {
  it("offers only what the server allows, says why the rest are not offered, and cannot choose them", () => {
    // The server's list is applied as sent: OFFICIAL_SENSITIVE is refused here although it sits below PROTECTED.
    const onChange = renderFields({ max: "OFFICIAL", allowed: ["OFFICIAL"], ceilingReason: REASON });
    expect(radio(/^OFFICIAL: Routine/).disabled).toBe(false);
    expect(radio(/^OFFICIAL: Sensitive/).disabled).toBe(true);
    expect(radio(/^PROTECTED/).disabled).toBe(true);
    expect(screen.getByText(/^PROTECTED: .*Not available in this Guildhall\.$/)).toBeTruthy();
    // The tab says why in the person's language, from the ceiling's code (the same sentence as the server's, in en-AU).
    expect(screen.getByText(/accredited to hold information up to OFFICIAL\. A community above that cannot be held here: choose OFFICIAL or lower/)).toBeTruthy();
    fireEvent.click(radio(/^PROTECTED/));
    expect(onChange).not.toHaveBeenCalled();
    fireEvent.click(radio(/^OFFICIAL: Routine/));
    expect(onChange).toHaveBeenCalledWith({ classification: "OFFICIAL" });
  });

  it("offers every classification, with no note, when the deployment allows them all or the ceiling is not yet known", () => {
    renderFields({ max: "PROTECTED", allowed: ["OFFICIAL", "OFFICIAL_SENSITIVE", "PROTECTED"], ceilingReason: "This Guildhall is accredited to hold information up to PROTECTED." });
    for (const name of [/^OFFICIAL: Routine/, /^OFFICIAL: Sensitive/, /^PROTECTED/]) expect(radio(name).disabled).toBe(false);
    expect(screen.queryByText(/accredited to hold/)).toBeNull();
    cleanup();
    renderFields(undefined);
    expect(radio(/^PROTECTED/).disabled).toBe(false);
    expect(screen.queryByText(/Not available/)).toBeNull();
  });
});
