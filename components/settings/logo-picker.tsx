'use client';

import { useId, useState } from 'react';

import { Field } from '@/components/ui/field';

import styles from './settings.module.css';

const MAX_BYTES = 200 * 1024;

/**
 * Reads the chosen image into a data URL for the form; the server checks type and size
 * again from the bytes. "keep" leaves the stored logo, "" removes it.
 */
export function LogoPicker({ current }: { current: string | null }) {
  const id = useId();
  const [value, setValue] = useState('keep');
  const [problem, setProblem] = useState<string | undefined>();
  const preview = value === 'keep' ? current : value || null;

  function choose(file: File | undefined) {
    setProblem(undefined);
    if (!file) return setValue('keep');
    if (file.size > MAX_BYTES) return setProblem('The logo must be 200 kB or smaller.');
    if (!['image/png', 'image/jpeg', 'image/webp'].includes(file.type)) {
      return setProblem('Use a PNG, JPEG or WebP image.');
    }
    const reader = new FileReader();
    reader.onload = () => setValue(String(reader.result));
    reader.readAsDataURL(file);
  }

  return (
    <Field id={id} label="Logo" hint="PNG, JPEG or WebP, up to 200 kB." error={problem}>
      {preview ? (
        // eslint-disable-next-line @next/next/no-img-element -- a data URL, not a remote image
        <img src={preview} alt="Current logo" className={styles.logo} />
      ) : null}
      <input
        id={id}
        type="file"
        accept="image/png,image/jpeg,image/webp"
        onChange={(e) => choose(e.target.files?.[0])}
      />
      <input type="hidden" name="logo" value={value} />
      {current ? (
        <label className={styles.check}>
          <input type="checkbox" onChange={(e) => setValue(e.target.checked ? '' : 'keep')} />
          Remove the logo
        </label>
      ) : null}
    </Field>
  );
}
