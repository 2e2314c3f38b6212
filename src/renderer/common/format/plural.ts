/**
 * A count with its noun in the right number: "1 layer", "3 layers", "0 layers". The plural
 * is the noun with an s unless given ("1 registry", "2 registries"). Every count the app
 * shows goes through here, never through "layer(s)".
 */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
