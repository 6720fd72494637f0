// The brief's scenario through the TypeScript client generated from openapi/openapi.yaml
// (typescript-fetch), compiled with tsc --strict and run by .ci/run against the packaged jar:
//   node target/ts-out/src/test/typescript/scenario.js http://127.0.0.1:PORT ADMIN_PASSWORD
import {
  AuthApi, ClientsApi, Configuration, FieldType, ResponseError, SchemaApi, SecurityApi, UsersApi, UserType,
} from "../../../target/generated-clients/typescript";

// Node's process, declared here rather than by @types/node: the one npm package CI installs is typescript
declare const process: { argv: string[]; exit(code: number): never };

const [base, password] = process.argv.slice(2);
const suffix = Date.now().toString(36);

function config(token?: string, addQuery?: string): Configuration {
  return new Configuration({
    basePath: base,
    accessToken: token,
    middleware: addQuery ? [{ pre: async (ctx) => ({ url: ctx.url + (ctx.url.includes("?") ? "&" : "?") + addQuery, init: ctx.init }) }] : [],
  });
}

function check(condition: boolean, what: string): void {
  if (!condition) {
    throw new Error("failed: " + what);
  }
}

async function login(login: string, pass: string): Promise<string> {
  return (await new AuthApi(config()).login({ loginRequest: { login, password: pass } })).accessToken!;
}

async function main(): Promise<void> {
  const admin = config(await login("admin", password));
  const schema = new SchemaApi(admin);
  const section = await schema.createSection({ sectionRequest: { name: "Договор " + suffix } });
  const fieldIds: Record<string, number> = {};
  for (const type of Object.values(FieldType)) {
    const field = await schema.createField({ fieldRequest: {
      sectionId: section.id, key: "t" + suffix + "_" + type.toLowerCase(), name: "Поле " + type, type,
      options: type === FieldType.Select || type === FieldType.Multiselect ? ["VIP", "обычный"] : undefined,
    } });
    fieldIds[type] = field.id!;
  }
  const numberKey = "t" + suffix + "_number";
  const hiddenKey = "t" + suffix + "_text";
  const users = new UsersApi(admin);
  const all = { view: true, create: true, edit: true, delete: true };
  const head = await users.createUser({ newUser: { login: "thead" + suffix, password: "Passw0rd-Test", name: "Руководитель",
    type: UserType.Administration } });
  const employee = await users.createUser({ newUser: { login: "temp" + suffix, password: "Passw0rd-Test", name: "Менеджер",
    type: UserType.Employee, managerId: head.id, rights: { clients: all, activities: all, deals: all, documents: all, settings: false },
    fieldAccess: [{ fieldId: fieldIds[FieldType.Text], access: "HIDDEN" }] } });
  const clients = new ClientsApi(admin);
  const created = await clients.createClient({ clientRequest: { name: "ООО Ромашка " + suffix, ownerId: employee.id,
    fields: { [hiddenKey]: "секрет", [numberKey]: 42, ["t" + suffix + "_select"]: "VIP", ["t" + suffix + "_checkbox"]: true } } });
  await clients.createClient({ clientRequest: { name: "ООО Ромашка " + suffix + " малая", ownerId: employee.id, fields: { [numberKey]: 3 } } });

  const token = await login("temp" + suffix, "Passw0rd-Test");
  // the contract declares q; the dynamic field.<key>.gte filter is added to the query by a middleware
  const page = await new ClientsApi(config(token, "field." + numberKey + ".gte=10")).listClients({ q: "Ромашка " + suffix });
  check(page.items.length === 1 && page.items[0].id === created.id, "q and the number range: " + JSON.stringify(page.items));
  check(!(hiddenKey in (page.items[0].fields ?? {})), "a hidden field is absent from the list");
  const card = await new ClientsApi(config(token)).getClientCard({ id: created.id });
  const keys = card.sections.flatMap((s) => s.fields ?? []).map((f) => f.key);
  check(keys.includes(numberKey) && !keys.includes(hiddenKey), "the card: " + keys.join(","));
  try {
    await new ClientsApi(config(token)).updateClient({ id: created.id, clientRequest: { name: "Другое" }, ifMatch: '"999"' });
    check(false, "a stale If-Match must fail");
  } catch (e) {
    check(e instanceof ResponseError && e.response.status === 412, "a stale If-Match is a 412: " + e);
  }
  const range = await new SecurityApi(admin).createIpRange({ ipRangeRequest: { from: "42.140.10.143", to: "42.140.10.144" } });
  check(range.to === "42.140.10.144", "the IP range");
  console.log("typescript client scenario: 1 passed, 0 failed");
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
