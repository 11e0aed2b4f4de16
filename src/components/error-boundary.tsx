import { Component, type ReactNode } from 'react';
import { QueryErrorResetBoundary } from '@tanstack/react-query';
import { ErrorPanel } from './error-panel.js';

interface Props {
  children: ReactNode;
  title?: string;
  onReset?: () => void;
}

class Boundary extends Component<Props, { error: unknown }> {
  override state: { error: unknown } = { error: null };

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  override render() {
    if (this.state.error) {
      return (
        <ErrorPanel
          error={this.state.error}
          title={this.props.title}
          onRetry={() => {
            this.props.onReset?.();
            this.setState({ error: null });
          }}
        />
      );
    }
    return this.props.children;
  }
}

/**
 * Catches a render or query failure in its part of the screen and offers a retry that also resets the
 * failed queries (TanStack's QueryErrorResetBoundary), so one broken panel never blanks the page.
 */
export function ErrorBoundary({ children, title }: { children: ReactNode; title?: string }) {
  return (
    <QueryErrorResetBoundary>
      {({ reset }) => (
        <Boundary title={title} onReset={reset}>
          {children}
        </Boundary>
      )}
    </QueryErrorResetBoundary>
  );
}
