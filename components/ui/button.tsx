import Link from 'next/link';
import type { ButtonHTMLAttributes, ReactNode } from 'react';

import styles from './ui.module.css';

export type ButtonVariant = 'primary' | 'secondary' | 'danger' | 'ghost';

export function buttonClass(
  variant: ButtonVariant = 'primary',
  size: 'normal' | 'small' = 'normal',
) {
  return [styles.button, styles[variant], size === 'small' ? styles.small : ''].join(' ').trim();
}

type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & {
  variant?: ButtonVariant;
  size?: 'normal' | 'small';
};

export function Button({
  variant = 'primary',
  size = 'normal',
  type = 'button',
  className,
  ...rest
}: ButtonProps) {
  return (
    <button
      type={type}
      className={`${buttonClass(variant, size)} ${className ?? ''}`.trim()}
      {...rest}
    />
  );
}

export function LinkButton({
  href,
  variant = 'secondary',
  size = 'normal',
  children,
}: {
  href: string;
  variant?: ButtonVariant;
  size?: 'normal' | 'small';
  children: ReactNode;
}) {
  return (
    <Link href={href} className={buttonClass(variant, size)}>
      {children}
    </Link>
  );
}
