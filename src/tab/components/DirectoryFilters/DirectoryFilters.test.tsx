// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { DirectoryFilters, type DirectoryFilterValues } from "./DirectoryFilters.js";

afterEach(cleanup);

const empty: DirectoryFilterValues = { q: "", tag: "", agencyId: "", classification: "", mine: false };
const agencies = [{ id: "a-abs", name: "Australian Bureau of Statistics", shortName: "ABS" }];

describe("DirectoryFilters", () => {
  it("applies words on Search and choices at once", () => {
    const onChange = vi.fn();
    render(<DirectoryFilters value={empty} agencies={agencies} onChange={onChange} />);
    fireEvent.change(screen.getByRole("searchbox", { name: /Search/ }), { target: { value: " data " } });
    fireEvent.change(screen.getByRole("textbox", { name: "Tag" }), { target: { value: "analytics" } });
    expect(onChange).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole("button", { name: "Search" }));
    expect(onChange).toHaveBeenLastCalledWith({ ...empty, q: "data", tag: "analytics" });
    fireEvent.change(screen.getByRole("combobox", { name: /Agency/ }), { target: { value: "a-abs" } });
    expect(onChange).toHaveBeenLastCalledWith({ ...empty, q: "data", tag: "analytics", agencyId: "a-abs" });
    fireEvent.change(screen.getByRole("combobox", { name: "Classification" }), { target: { value: "PROTECTED" } });
    expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ classification: "PROTECTED" }));
    fireEvent.click(screen.getByRole("checkbox", { name: "My communities only" }));
    expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ mine: true }));
  });
});
