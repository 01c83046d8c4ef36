/**
 * Prints the README's "Deno permissions" table from scripts/internal/permissions.json (the file that
 * tests/live/least_privilege_test.ts checks): `deno run scripts/internal/gen_permissions_table.ts`.
 *
 * @module
 */
import perms from "./permissions.json" with { type: "json" };

/** The markdown rows: the default first, then each function that needs more. */
export function permissionsTable(): string {
  const rows = [
    "| Functions | Deno flags | Why |",
    "|---|---|---|",
    `| everything else on Linux | \`${perms.default.join(" ")}\` | /proc, /sys and libc are read through FFI |`,
  ];
  for (
    const [name, { flags, why }] of Object.entries(perms.functions as Record<string, { flags: string[]; why: string }>)
  ) {
    rows.push(`| \`${name}\` | \`${flags.join(" ")}\` | ${why} |`);
  }
  return rows.join("\n");
}

if (import.meta.main) console.log(permissionsTable());
