// @vitest-environment jsdom
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { intlFor } from "../../../i18n/node.js";
import { renderIn } from "../../testing/intl.js";
import { ArchivedBanner } from "./ArchivedBanner.js";

afterEach(cleanup);

const NBSP = "\u00a0";
const at = "2026-06-30T03:00:00.000Z";

describe("ArchivedBanner", () => {
  it("says the community is read-only, when and in which capacity it was archived, and why, as written", () => {
    render(<ArchivedBanner community={{ archivedAt: at, archivedByRole: "owner", archiveReason: "The program ended.\nThanks, everyone." }} />);
    const date = intlFor("en-AU").formatDate(Date.parse(at), { dateStyle: "long" });
    expect(screen.getByText("This community is archived and read-only.")).toBeTruthy();
    expect(screen.getByText(`Archived on ${date} by an owner.`)).toBeTruthy();
    // Line breaks kept, as text (never parsed as markup).
    const reason = screen.getByText((_, el) => el?.tagName === "P" && el.textContent === "Reason: The program ended.\nThanks, everyone.");
    expect(reason.textContent).toContain("\n");
  });

  it("names a platform owner by capacity only, and says only what is known of an older archive", () => {
    const { rerender } = render(<ArchivedBanner community={{ archivedAt: at, archivedByRole: "platform_owner", archiveReason: "<b>Breach</b>" }} />);
    expect(screen.getByText(/by a platform owner\.$/)).toBeTruthy();
    expect(screen.getByText("Reason: <b>Breach</b>")).toBeTruthy();
    rerender(<ArchivedBanner community={{ archivedAt: at, archivedByRole: null, archiveReason: null }} />);
    expect(screen.getByText(/^Archived on .+\.$/).textContent).not.toContain(" by ");
    expect(screen.queryByText(/^Reason:/)).toBeNull();
    rerender(<ArchivedBanner community={{}} />);
    expect(screen.getByText("This community is archived and read-only.")).toBeTruthy();
    expect(screen.queryByText(/^Archived on/)).toBeNull();
  });

  it("reads in French (fr-CA), with a French date", () => {
    renderIn("fr-CA", <ArchivedBanner community={{ archivedAt: at, archivedByRole: "platform_owner", archiveReason: "Le programme a pris fin." }} />);
    expect(screen.getByText("Cette communauté est archivée et accessible en lecture seule.")).toBeTruthy();
    expect(screen.getByText(/^Archivée le 30 juin 2026 par une personne responsable de la plateforme\.$/)).toBeTruthy();
    const reason = screen.getByText(/^Motif/);
    expect(reason.textContent).toBe(`Motif${NBSP}: Le programme a pris fin.`);
  });
});
