// Unit tests run with no database and no network. Component tests opt into jsdom per file.
export {};
