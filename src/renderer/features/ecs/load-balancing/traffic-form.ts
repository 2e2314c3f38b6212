/** The send-traffic fields, as typed. */
export interface TrafficForm {
  rate: string;
  duration: string;
  path: string;
}

const wholeIn = (text: string, min: number, max: number) => {
  const value = Number(text);
  return text.trim() !== '' && Number.isInteger(value) && value >= min && value <= max;
};

/** What `ecs.traffic.start` would refuse, by field. */
export function trafficProblems(form: TrafficForm): Partial<Record<keyof TrafficForm, string>> {
  const problems: Partial<Record<keyof TrafficForm, string>> = {};
  if (!wholeIn(form.rate, 1, 500)) problems.rate = 'A whole number from 1 to 500.';
  if (!wholeIn(form.duration, 1, 3600)) problems.duration = 'Whole seconds from 1 to 3600.';
  if (!form.path.startsWith('/') || form.path.length > 1024) {
    problems.path = 'A path beginning with /.';
  }
  return problems;
}
