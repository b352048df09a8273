import { Button } from '@/components/ui/button';

import styles from './guest.module.css';

/** The one-time code screen for practices that ask for step-up; plain forms, no script. */
export function StepUpForm() {
  return (
    <section className={styles.section} aria-labelledby="step-up-title">
      <h1 id="step-up-title">Enter your access code</h1>
      <p>
        We emailed a 6-digit code to the address this link was sent to. It works for 10 minutes.
      </p>
      <form method="post" action="/api/guest/step-up">
        <label htmlFor="code">Code</label>{' '}
        <input
          id="code"
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9 ]{6,7}"
          maxLength={7}
          required
        />{' '}
        <Button type="submit">Continue</Button>
      </form>
      <form method="post" action="/api/guest/step-up/resend" className={styles.section}>
        <Button type="submit" variant="ghost">
          Send a new code
        </Button>
      </form>
    </section>
  );
}
