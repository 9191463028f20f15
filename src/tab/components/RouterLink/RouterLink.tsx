import { Link } from "@fluentui/react-components";
import type { MouseEvent, ReactNode } from "react";
import { useHref, useLinkClickHandler, useMatch, useResolvedPath } from "react-router-dom";

export interface RouterLinkProps {
  to: string;
  children: ReactNode;
  className?: string;
}

/** A Fluent link that navigates inside the single-page app and marks the current page with aria-current. */
export function RouterLink({ to, children, className }: RouterLinkProps) {
  const href = useHref(to);
  const resolved = useResolvedPath(to);
  const active = useMatch({ path: resolved.pathname, end: true }) !== null;
  const onClick = useLinkClickHandler<HTMLAnchorElement>(to);
  return (
    <Link
      href={href}
      className={className}
      aria-current={active ? "page" : undefined}
      onClick={(e: MouseEvent<HTMLAnchorElement>) => onClick(e)}
    >
      {children}
    </Link>
  );
}
