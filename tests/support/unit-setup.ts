// Unit tests run with no database and no network. Component tests opt into jsdom per file.
import { configure } from "@testing-library/dom";

// CI has two cores shared by the unit and integration projects: give `findBy*` and `waitFor` room to
// breathe under load (they still fail when what they wait for never happens).
configure({ asyncUtilTimeout: 5_000 });
