import { imageBuildInputSchema, type ImageBuildInput } from '../../../shared';

/** The build dialog's fields as typed: tags and build args are free text. */
export interface BuildForm {
  context: string;
  dockerfile: string;
  tags: string;
  buildArgs: string;
  target: string;
  noCache: boolean;
}

export const emptyBuildForm: BuildForm = {
  context: '',
  dockerfile: 'Dockerfile',
  tags: '',
  buildArgs: '',
  target: '',
  noCache: false,
};

export type BuildFormErrors = Partial<Record<keyof BuildForm, string>>;

/**
 * The form read into the contract's input, or the problems by field. Tags are separated by
 * spaces or commas; build args are one `NAME=value` per line (a bare NAME passes an empty
 * value, as `--build-arg NAME=` does).
 */
export function readBuildForm(
  form: BuildForm,
): { input: ImageBuildInput; errors?: undefined } | { input?: undefined; errors: BuildFormErrors } {
  const errors: BuildFormErrors = {};
  const buildArgs: Record<string, string> = {};
  for (const [index, line] of form.buildArgs.split('\n').entries()) {
    if (line.trim() === '') continue;
    const equals = line.indexOf('=');
    const name = (equals < 0 ? line : line.slice(0, equals)).trim();
    if (name === '') {
      errors.buildArgs = `Line ${index + 1}: give NAME=value.`;
      break;
    }
    buildArgs[name] = equals < 0 ? '' : line.slice(equals + 1);
  }
  const input = {
    context: form.context.trim(),
    dockerfile: form.dockerfile.trim() || 'Dockerfile',
    tags: form.tags.split(/[\s,]+/).filter(Boolean),
    buildArgs,
    noCache: form.noCache,
    ...(form.target.trim() ? { target: form.target.trim() } : {}),
  };
  const parsed = imageBuildInputSchema.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as keyof BuildForm | undefined;
      if (field && field in emptyBuildForm && !errors[field]) {
        const tag = field === 'tags' && typeof issue.path[1] === 'number' ? issue.path[1] : -1;
        // A bad build argument name is reported inside a record-key issue.
        const message =
          issue.code === 'invalid_key'
            ? (issue.issues[0]?.message ?? issue.message)
            : issue.message;
        errors[field] = tag >= 0 ? `${input.tags[tag]}: ${message}` : message;
      }
    }
  }
  return Object.keys(errors).length > 0 ? { errors } : { input };
}
