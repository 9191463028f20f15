import { describe, expect, it } from "vitest";
import { ApiError, NetworkError } from "../api/client.js";
import { intlFor } from "../testing/intl.js";
import { describeSessionError, sessionMessages, SignInError, stateForError } from "./state.js";

const fr = intlFor("fr-CA");

describe("sign-in problems in the person's language", () => {
  it("keeps the error in the state and describes it when shown", () => {
    const refused = new ApiError(403, "eligibility.denied", "Guest accounts cannot use Guildhall.", "r-1", "guest_not_allowed");
    expect(stateForError(refused)).toEqual({ status: "not-eligible", error: refused, reason: "guest_not_allowed", requestId: "r-1" });
    expect(stateForError(new ApiError(401, "auth.invalid", "Expired"))).toMatchObject({ status: "sign-in-problem" });
    expect(stateForError(new NetworkError("down"))).toMatchObject({ status: "failed" });
  });

  it("formats the server's message key in the person's language, its sentence as the fallback", () => {
    // Any key the fr-CA catalog has stands in for the server's refusal keys.
    const keyed = new ApiError(403, "eligibility.denied", "Page not found", undefined, undefined, [], "common.notFound.title");
    expect(describeSessionError(keyed, fr)).toBe("Page introuvable");
    const unknown = new ApiError(403, "eligibility.denied", "Guest accounts cannot use Guildhall.", undefined, undefined, [], "no.such.key");
    expect(describeSessionError(unknown, fr)).toBe("Guest accounts cannot use Guildhall.");
  });

  it("says the tab's own sign-in problems and a failed request in French", () => {
    const teams = new SignInError(sessionMessages.teamsSignInFailed, { detail: "CancelledByUser" });
    expect(teams.message).toBe("Microsoft Teams could not sign you in to Guildhall (CancelledByUser).");
    expect(describeSessionError(teams, fr)).toBe("Microsoft Teams n’a pas pu vous connecter à Guildhall (CancelledByUser).");
    expect(describeSessionError(new ApiError(500, "internal", "Boom"), fr)).toBe("Guildhall n’a pas pu traiter la demande (internal)\u00a0: Boom");
    expect(describeSessionError(new NetworkError("down"), fr)).toBe("Impossible de joindre le serveur de Guildhall. Vérifiez votre connexion et réessayez.");
  });
});
