import { Page } from "../../components/Page/Page.js";
import { Prose } from "../../components/Prose/Prose.js";
import { RouterLink } from "../../components/RouterLink/RouterLink.js";

export function NotFound() {
  return (
    <Page title="Page not found">
      <Prose>
        <p>
          There is nothing at this address. It may have moved, or the link may be mistyped.{" "}
          <RouterLink to="/">Go to the Guildhall home page</RouterLink>.
        </p>
      </Prose>
    </Page>
  );
}
